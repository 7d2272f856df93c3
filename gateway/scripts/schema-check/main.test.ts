import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addWeight, currentSchema, removeDescription } from './schema-edits';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const main = fileURLToPath(new URL('main.ts', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function schemaCheck(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(tsx, [main, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('npm run schema:check', () => {
  it('exits 0 for a safe change, 1 for a breaking one in use, 2 with one line naming the file for bad input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'schema-check-cli-'));
    const products = await currentSchema('products');
    await writeFile(join(dir, 'with-weight.graphql'), addWeight(products));
    await writeFile(join(dir, 'without-description.graphql'), removeDescription(products));
    await writeFile(join(dir, 'broken.graphql'), 'type Product {');
    await mkdir(join(dir, 'record-is-a-directory.json'));
    const runs = await Promise.all([
      schemaCheck(['--subgraph', 'products', '--schema', 'with-weight.graphql', '--no-usage'], dir),
      schemaCheck(['--subgraph', 'products', '--schema', 'without-description.graphql', '--json'], dir),
      schemaCheck(['--subgraph', 'products', '--schema', 'broken.graphql'], dir),
      schemaCheck(['--subgraph', 'products', '--schema', 'missing.graphql'], dir),
      schemaCheck(['--subgraph', 'shipping', '--schema', 'broken.graphql'], dir),
      schemaCheck(['--base', 'HEAD', '--usage', join(dir, 'record-is-a-directory.json')], root),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 1, 2, 2, 2, 2]);
    expect(runs[0]?.stdout).toContain('OK: nothing a recorded operation uses breaks');
    const refused = JSON.parse(runs[1]?.stdout ?? '') as {
      ok: boolean;
      changes: { path: string; affected: { name: string }[] }[];
    };
    expect(refused.ok).toBe(false);
    expect(refused.changes.find((change) => change.path === 'Product.description')?.affected[0]?.name).toBe('Product');
    const errors = runs.slice(2).map((run) => run.stderr);
    expect(errors.every((stderr) => stderr.trim().split('\n').length === 1)).toBe(true);
    expect(errors[0]).toMatch(/broken\.graphql: SDL does not parse/);
    expect(errors[1]).toMatch(/missing\.graphql: no such file/);
    expect(errors[2]).toMatch(/supergraph\.yaml: unknown subgraph "shipping"/);
    expect(errors[3]).toMatch(/record-is-a-directory\.json: unreadable usage record/);
    // nothing written: the temporary directory holds only what the test put there
    expect((await readdir(dir)).sort()).toEqual([
      'broken.graphql',
      'record-is-a-directory.json',
      'with-weight.graphql',
      'without-description.graphql',
    ]);
  });
});
