// What the image runs, run here without Docker: a service bundled by `npm run build`, started
// from a directory outside the repository (so no node_modules, TypeScript or tsx can be found),
// and the migration job's bundle applied to an empty database.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stopProcess } from '@shopgraph/service-kit/child-process';
import { TEST_ROLE_PASSWORD, serviceRole } from '@shopgraph/test-kit/test-cluster';
import { dropDatabase } from '@shopgraph/test-kit/test-database';
import { TEST_ENV } from '@shopgraph/test-kit/test-stack';
import { pendingMigrations } from '../migrate';
import { provisionDatabase } from '../provision';
import { spawnService, startedService } from '../service-process';
import { MIGRATE_COMMAND, MIGRATE_CONFIG, bundleMigration } from './bundle-migration';
import { bundleService } from './bundle-service';

const minimalEnv = () => ({ PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' });

function runToExit(command: readonly string[], options: { cwd: string; env: Record<string, string> }) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, command, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('a service built by npm run build', () => {
  let work: string;
  let url: string;
  const adminUrl = inject('postgresAdminUrl');
  const database = `test_built_users_${process.pid}`;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'shopgraph-build-'));
    // an empty database: only the bundled migration will create its tables
    url = await provisionDatabase({ adminUrl, database, role: serviceRole('users'), password: TEST_ROLE_PASSWORD });
    await Promise.all([
      bundleService('subgraphs/users/src/main.ts', join(work, 'users')),
      bundleMigration('users', join(work, 'users-migrate')),
    ]);
  }, 240_000);
  afterAll(async () => {
    await dropDatabase(adminUrl, database);
    await rm(work, { recursive: true, force: true });
  });

  it('migrates an empty database with the bundled Prisma CLI and a JavaScript config', async () => {
    expect(await pendingMigrations('users', url)).not.toEqual([]);
    const { code, output } = await runToExit([...MIGRATE_COMMAND, '--config', MIGRATE_CONFIG], {
      cwd: join(work, 'users-migrate'),
      env: { ...minimalEnv(), USERS_DATABASE_URL: url, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
    expect(code, output).toBe(0);
    expect(await pendingMigrations('users', url)).toEqual([]);
  }, 120_000);

  it('serves the subgraph from main.mjs with no node_modules, TypeScript or tsx within reach', async () => {
    const dir = join(work, 'users');
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(existsSync(join(dir, 'subgraphs/users/schema.graphql'))).toBe(true);
    const started = performance.now();
    const child = spawnService({
      workspace: dir,
      args: ['main.mjs'],
      env: { ...TEST_ENV, USERS_DATABASE_URL: url },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const graphqlUrl = await startedService(child);
      // a figure for the report, never asserted (the machine's load decides it)
      console.log(`built users subgraph ready in ${Math.round(performance.now() - started)} ms`);
      expect((await fetch(new URL('/ready', graphqlUrl))).status).toBe(200);
    } finally {
      expect(await stopProcess(child)).toBe(0);
    }
  }, 120_000);
});

describe("the gateway's bundle", () => {
  it('carries the native package it imports (koffi, for malloc_trim) and loads it from beside main.mjs', async () => {
    const work = await mkdtemp(join(tmpdir(), 'shopgraph-build-gateway-'));
    try {
      const dir = join(work, 'gateway');
      const { assets } = await bundleService('gateway/src/main.ts', dir);
      expect(assets).toContain(`node_modules/koffi/build/koffi/linux_${process.arch}/koffi.node`);
      // resolved and loaded as main.mjs does, from a directory with no other node_modules in reach
      const { code, output } = await runToExit(
        [
          '--input-type=module',
          '-e',
          "const koffi = await import('koffi'); console.log(import.meta.resolve('koffi')); koffi.default.load('libc.so.6').func('int malloc_trim(size_t)')(0);",
        ],
        { cwd: dir, env: minimalEnv() },
      );
      expect(code, output).toBe(0);
      expect(output.trim()).toBe(`file://${dir}/node_modules/koffi/index.js`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});
