import { existsSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { NODE_BUNDLE, repoRoot } from './bundle-service';

/** The Prisma CLI entry point inside a migration bundle, and its arguments. */
export const MIGRATE_COMMAND = ['node_modules/prisma/build/index.js', 'migrate', 'deploy'] as const;
/** Where the bundled `prisma.config.mjs` sits, next to `schema.prisma` and `migrations/`. */
export const MIGRATE_CONFIG = 'prisma/prisma.config.mjs';

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/** Where Node would find `name` from the package in `from`: its own node_modules, then up. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; `${dir}/`.startsWith(repoRoot); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

/** `root` and every package it depends on at run time (optional ones only when installed). */
async function dependencyClosure(root: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
    const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})];
    for (const name of names) {
      const found = resolvePackage(name, dir);
      if (found !== undefined) await visit(found);
    }
  };
  await visit(root);
  return seen;
}

/**
 * The one-shot migration of subgraph `name`, with nothing of the service: its schema and
 * committed migrations, its `prisma.config.ts` bundled to JavaScript (so no TypeScript loader
 * runs), and the Prisma CLI with exactly the packages it needs at run time. Migrate runs on
 * Prisma's WebAssembly schema engine: nothing is downloaded when the job starts.
 */
export async function bundleMigration(name: string, outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  const source = join(repoRoot, 'prisma', name);
  await build({
    entryPoints: [join(source, 'prisma.config.ts')],
    outfile: join(outDir, MIGRATE_CONFIG),
    ...NODE_BUNDLE,
  });
  await cp(join(source, 'schema.prisma'), join(outDir, 'prisma', 'schema.prisma'));
  await cp(join(source, 'migrations'), join(outDir, 'prisma', 'migrations'), { recursive: true });
  const cli = resolvePackage('prisma', repoRoot);
  if (cli === undefined) throw new Error('The Prisma CLI is not installed (npm ci).');
  for (const dir of await dependencyClosure(cli)) {
    await cp(dir, join(outDir, 'node_modules', relative(join(repoRoot, 'node_modules'), dir)), {
      recursive: true,
      // the closure's own nested packages are copied as closure members, when needed
      filter: (path) => !relative(dir, path).startsWith('node_modules'),
    });
  }
}
