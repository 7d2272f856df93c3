import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderKustomization, strategicMerge } from './kustomize-render';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function kustomizationIn(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-render-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  template:
    spec:
      containers:
        - { name: web, image: 'shop/web:1', env: [{ name: A, value: a }] }
        - { name: sidecar, image: 'shop/side' }
`;

describe('the offline kustomize render', () => {
  it('merges containers by name, sets the namespace, labels and images of a base below an overlay', () => {
    const dir = kustomizationIn({
      'base/kustomization.yaml': 'resources: [web.yaml]\nlabels: [{ pairs: { team: shop } }]\n',
      'base/web.yaml': deployment,
      'prod/kustomization.yaml':
        'namespace: prod\nresources: [../base]\npatches: [{ path: p.yaml }]\nimages: [{ name: shop/web, newName: reg:5000/shop/web, newTag: "2" }]\n',
      'prod/p.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3, template: { spec: { containers: [{ name: web, env: [{ name: B, value: b }] }] } } }\n',
    });
    const [web] = renderKustomization(join(dir, 'prod'));
    expect(web?.metadata).toEqual({ name: 'web', namespace: 'prod', labels: { team: 'shop' } });
    expect(web?.['spec']).toMatchObject({ replicas: 3 });
    const containers = (web?.['spec'] as { template: { spec: { containers: unknown[] } } }).template.spec.containers;
    expect(containers).toEqual([
      {
        name: 'web',
        image: 'reg:5000/shop/web:2',
        env: [
          { name: 'A', value: 'a' },
          { name: 'B', value: 'b' },
        ],
      },
      { name: 'sidecar', image: 'shop/side' },
    ]);
  });

  it('refuses a field it does not implement, and a patch that matches nothing, instead of ignoring them', () => {
    const unsupported = kustomizationIn({
      'kustomization.yaml': 'resources: []\nreplicas: [{ name: web, count: 2 }]\n',
    });
    expect(() => renderKustomization(unsupported)).toThrow(/unsupported kustomization fields replicas/);
    const stray = kustomizationIn({
      'kustomization.yaml': 'resources: [web.yaml]\npatches: [{ path: p.yaml }]\n',
      'web.yaml': deployment,
      'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { replicas: 2 }\n',
    });
    expect(() => renderKustomization(stray)).toThrow(/Deployment\/api matches no resource/);
  });

  it('replaces lists of unnamed items rather than merging them', () => {
    expect(strategicMerge({ args: ['a', 'b'] }, { args: ['c'] })).toEqual({ args: ['c'] });
  });
});
