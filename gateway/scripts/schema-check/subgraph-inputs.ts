import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BadInput } from './bad-input';
import type { SubgraphSource } from './compose-services';

const run = promisify(execFile);
const configSchema = z.object({
  subgraphs: z.record(z.string(), z.object({ routing_url: z.string(), schema: z.object({ file: z.string() }) })),
});

/** The two sets of subgraphs to compare: the graph as it is, and as the change makes it. */
export interface SubgraphInputs {
  readonly before: readonly SubgraphSource[];
  readonly after: readonly SubgraphSource[];
}

/** What is compared: one subgraph's new SDL file, or the working tree against a git ref. */
export type ChangeSource =
  | { readonly kind: 'file'; readonly subgraph: string; readonly schemaFile: string }
  | { readonly kind: 'git'; readonly base: string };

interface Listed {
  readonly name: string;
  readonly url: string;
  readonly file: string;
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BadInput(file, error.code === 'ENOENT' ? 'no such file' : `unreadable (${error.code ?? error.message})`);
  });
}

function parsed(listed: Listed, sdl: string, file: string): SubgraphSource {
  try {
    return { name: listed.name, url: listed.url, typeDefs: parse(sdl) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BadInput(file, `SDL does not parse: ${message}`);
  }
}

async function listSubgraphs(configPath: string): Promise<Listed[]> {
  const result = configSchema.safeParse(parseYaml(await readText(configPath)));
  if (!result.success) throw new BadInput(configPath, 'not a supergraph config (subgraphs.<name>.schema.file)');
  const base = resolve(configPath, '..');
  return Object.entries(result.data.subgraphs).map(([name, { routing_url, schema }]) => ({
    name,
    url: routing_url,
    file: resolve(base, schema.file),
  }));
}

async function atRef(root: string, ref: string, file: string): Promise<string | undefined> {
  await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root }).catch(() => {
    throw new BadInput(root, `git has no revision "${ref}" to compare with`);
  });
  const path = relative(root, file);
  // a subgraph whose file the base has not got is new: it has no "before"
  return run('git', ['show', `${ref}:${path}`], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).then(
    (output) => output.stdout,
    () => undefined,
  );
}

/** Reads and parses both sides of the comparison; any unreadable or unparsable input is {@link BadInput}. */
export async function loadSubgraphInputs(options: {
  readonly configPath: string;
  readonly root: string;
  readonly change: ChangeSource;
}): Promise<SubgraphInputs> {
  const listed = await listSubgraphs(options.configPath);
  const current = await Promise.all(listed.map(async (entry) => parsed(entry, await readText(entry.file), entry.file)));
  const { change } = options;
  if (change.kind === 'file') {
    const entry = listed.find(({ name }) => name === change.subgraph);
    if (!entry) {
      const known = listed.map(({ name }) => name).join(', ');
      throw new BadInput(options.configPath, `unknown subgraph "${change.subgraph}" (known: ${known})`);
    }
    const replacement = parsed(entry, await readText(change.schemaFile), change.schemaFile);
    return { before: current, after: current.map((source) => (source.name === entry.name ? replacement : source)) };
  }
  const before = await Promise.all(
    listed.map(async (entry) => {
      const sdl = await atRef(options.root, change.base, entry.file);
      return sdl === undefined ? [] : [parsed(entry, sdl, `${change.base}:${relative(options.root, entry.file)}`)];
    }),
  );
  return { before: before.flat(), after: current };
}
