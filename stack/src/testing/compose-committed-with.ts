import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { composeSupergraph } from '@shopgraph/gateway/compose-supergraph';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** One subgraph of supergraph.yaml (rover's format); a change may leave the routing URL as it is. */
export interface SubgraphChange {
  readonly routing_url?: string;
  readonly schema: { readonly file: string };
}

/**
 * The committed supergraph.yaml with subgraphs added or changed, written to `dir` and composed
 * with the project's own compose function (as `npm run compose` does): the supergraph SDL.
 */
export async function composeCommittedWith(
  dir: string,
  changes: Readonly<Record<string, SubgraphChange>>,
): Promise<string> {
  const config = parse(await readFile(join(root, 'supergraph.yaml'), 'utf8')) as {
    subgraphs: Record<string, SubgraphChange>;
  };
  for (const [name, subgraph] of Object.entries(config.subgraphs)) {
    config.subgraphs[name] = { ...subgraph, schema: { file: join(root, subgraph.schema.file) } };
  }
  for (const [name, change] of Object.entries(changes))
    config.subgraphs[name] = { ...config.subgraphs[name], ...change };
  const path = join(dir, 'supergraph.yaml');
  await writeFile(path, stringify(config));
  const composition = await composeSupergraph(path);
  if (!composition.ok) throw new Error(composition.errors.join('\n'));
  return composition.supergraphSdl;
}
