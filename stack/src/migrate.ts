import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { guardClient } from '@shopgraph/service-kit/database/guard-pool';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';
import { databaseUrlVariable } from './subgraph-names';
import type { SubgraphName } from './subgraph-names';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const prismaDir = (name: SubgraphName) => `${repoRoot}prisma/${name}`;

async function committedMigrations(name: SubgraphName): Promise<string[]> {
  const entries = await readdir(`${prismaDir(name)}/migrations`, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

async function appliedMigrations(url: string): Promise<Set<string>> {
  const client = guardClient(new pg.Client(poolConfigFromUrl(url)));
  await client.connect();
  try {
    const table = await client.query(`select to_regclass('public._prisma_migrations') as t`);
    if (table.rows[0]?.t === null) return new Set();
    const rows = await client.query<{ name: string }>(
      'select migration_name as name from _prisma_migrations where finished_at is not null and rolled_back_at is null',
    );
    return new Set(rows.rows.map((r) => r.name));
  } finally {
    await client.end();
  }
}

/** Migrations committed for `name` that `url`'s database has not applied yet. */
export async function pendingMigrations(name: SubgraphName, url: string): Promise<string[]> {
  const applied = await appliedMigrations(url);
  return (await committedMigrations(name)).filter((m) => !applied.has(m));
}

function prismaMigrateDeploy(name: SubgraphName, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${repoRoot}node_modules/.bin/prisma`, ['migrate', 'deploy'], {
      cwd: prismaDir(name),
      env: {
        ...process.env,
        [databaseUrlVariable(name)]: url,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed for ${name}:\n${output}`)),
    );
  });
}

/**
 * Applies `name`'s committed migrations with `prisma migrate deploy`, only when some are
 * pending: the CLI's WebAssembly engine keeps every run alive ~10 s after its work, which
 * a warm start should not pay. Returns the migrations that were pending.
 */
export async function migrate(name: SubgraphName, url: string): Promise<string[]> {
  const pending = await pendingMigrations(name, url);
  if (pending.length > 0) await prismaMigrateDeploy(name, url);
  return pending;
}
