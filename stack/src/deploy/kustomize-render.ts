// kustomize is not installed here, nor is there an npm package that renders a kustomization.
// This renders the subset of it deploy/kubernetes uses, the way `kubectl kustomize` does, and
// refuses any other field so that nothing is silently left out of what the tests check.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as YAML gives it. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
} & Record<string, unknown>;

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  labels?: { pairs: Record<string, string> }[];
  resources?: string[];
  patches?: { path: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'resources', 'patches', 'images']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNamedList = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.every((item) => isRecord(item) && typeof item['name'] === 'string');

/** Every document of a YAML file, empty ones (a leading comment block) skipped. */
function readObjects(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => doc.toJS() as unknown)
    .filter((value): value is KubeObject => value !== null && value !== undefined);
}

/**
 * Strategic merge as far as these manifests need it: maps merge key by key, lists of named
 * items (containers, env, ports) merge item by item on `name`, anything else is replaced.
 */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isRecord(base) && isRecord(patch)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) merged[key] = strategicMerge(base[key], value);
    return merged;
  }
  if (isNamedList(base) && isNamedList(patch)) {
    const merged = base.map((item) => {
      const update = patch.find((candidate) => candidate['name'] === item['name']);
      return update === undefined ? item : strategicMerge(item, update);
    });
    return [...merged, ...patch.filter((item) => !base.some((b) => b['name'] === item['name']))];
  }
  return patch;
}

const sameObject = (a: KubeObject, b: KubeObject) => a.kind === b.kind && a.metadata.name === b.metadata.name;

function applyPatch(objects: KubeObject[], patch: KubeObject): KubeObject[] {
  if (!objects.some((object) => sameObject(object, patch)))
    throw new Error(`patch ${patch.kind}/${patch.metadata.name} matches no resource`);
  return objects.map((object) => (sameObject(object, patch) ? (strategicMerge(object, patch) as KubeObject) : object));
}

/** The pod template of a workload (Deployment, Job, …), if it has one. */
export function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const template = isRecord(object['spec']) ? object['spec']['template'] : undefined;
  return isRecord(template) && isRecord(template['spec']) ? template['spec'] : undefined;
}

function setImages(object: KubeObject, images: NonNullable<Kustomization['images']>): void {
  const containers = podSpecOf(object)?.['containers'];
  if (!Array.isArray(containers)) return;
  for (const container of containers as { image?: string }[]) {
    const image = container.image ?? '';
    const colon = image.indexOf(':', image.lastIndexOf('/')); // a registry host may have a port
    const [name, tag] = colon === -1 ? [image, undefined] : [image.slice(0, colon), image.slice(colon + 1)];
    const rule = images.find((image) => image.name === name);
    if (rule === undefined) continue;
    container.image = `${rule.newName ?? name}:${rule.newTag ?? tag ?? 'latest'}`;
  }
}

/** `kubectl kustomize <dir>`: the objects the kustomization in `dir` renders. */
export function renderKustomization(dir: string): KubeObject[] {
  const config = readObjects(join(dir, 'kustomization.yaml'))[0] as unknown as Kustomization;
  const unsupported = Object.keys(config).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${dir}: unsupported kustomization fields ${unsupported.join(', ')}`);
  let objects = (config.resources ?? []).flatMap((resource) => {
    const path = join(dir, resource);
    return statSync(path).isDirectory() ? renderKustomization(path) : readObjects(path);
  });
  for (const { path } of config.patches ?? [])
    for (const patch of readObjects(join(dir, path))) objects = applyPatch(objects, patch);
  objects = structuredClone(objects);
  for (const object of objects) {
    if (config.namespace !== undefined && !CLUSTER_SCOPED.has(object.kind))
      object.metadata.namespace = config.namespace;
    for (const { pairs } of config.labels ?? []) object.metadata.labels = { ...object.metadata.labels, ...pairs };
    setImages(object, config.images ?? []);
  }
  return objects;
}
