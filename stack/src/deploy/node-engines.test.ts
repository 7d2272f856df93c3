// The supported Node versions are stated once, in the root package.json's `engines` (decision
// 0035). The statement is true only if every installed package accepts every version in it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { subset, validRange } from 'semver';
import { readRepoFile, repoRoot } from './compose-file';

interface Manifest {
  readonly name?: string;
  readonly version?: string;
  readonly engines?: { readonly node?: string };
}

/** Every package.json under `dir`'s node_modules, nested ones included. */
function installedManifests(dir: string): { path: string; manifest: Manifest }[] {
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return [];
  return readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.name !== '.bin' && !entry.name.startsWith('.'))
    .flatMap((entry) =>
      entry.name.startsWith('@')
        ? readdirSync(join(modules, entry.name)).map((name) => join(modules, entry.name, name))
        : [join(modules, entry.name)],
    )
    .filter((path) => existsSync(join(path, 'package.json')))
    .flatMap((path) => [
      { path, manifest: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as Manifest },
      ...installedManifests(path),
    ]);
}

const stated = (JSON.parse(readRepoFile('package.json')) as Manifest).engines?.node ?? '';

describe('the supported Node versions', () => {
  it('are stated once, as a valid range of maintained LTS lines only', () => {
    expect(validRange(stated)).not.toBeNull();
    // Node 20 reached its end of life in April 2026; 22 and 24 are the maintained LTS lines
    expect(subset(stated, '>=22')).toBe(true);
    for (const workspace of installedManifests(fileURLToPath(repoRoot)).filter(({ path }) =>
      path.includes('@shopgraph'),
    ))
      expect(workspace.manifest.engines, workspace.path).toBeUndefined();
  });

  it('are accepted by every installed dependency', () => {
    const manifests = installedManifests(fileURLToPath(repoRoot));
    expect(manifests.length).toBeGreaterThan(100);
    const refusing = manifests
      .filter(({ manifest }) => manifest.engines?.node !== undefined)
      .filter(({ manifest }) => {
        const range = manifest.engines?.node ?? '';
        return validRange(range) === null || !subset(stated, range);
      })
      .map(({ manifest }) => `${manifest.name}@${manifest.version} wants node ${manifest.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
