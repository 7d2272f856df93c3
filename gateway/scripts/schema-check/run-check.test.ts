import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST_PATH } from '../../src/persisted-operations/persisted-operation-manifest';
import type { RecordedOperation } from './recorded-operations';
import { loadRecordedOperations } from './recorded-operations';
import { runCheck } from './run-check';
import { addWeight, currentSchema, overrideTotal, removeDescription } from './schema-edits';
import { loadSubgraphInputs } from './subgraph-inputs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifestOperations = await loadRecordedOperations({
  manifests: [DEFAULT_MANIFEST_PATH],
  usageRecord: undefined,
  root,
});

// an operation only a mobile client sends: it is in no manifest, only in the gateway's usage record
const mobileOnly: RecordedOperation = {
  hash: 'f'.repeat(64),
  name: 'ProductSkus',
  operationName: 'ProductSkus',
  body: 'query ProductSkus { products(first: 5) { edges { node { id sku } } } }',
  clients: ['ios@3.1.0 (12 requests)'],
};

/** The real subgraphs with one changed by `edit`. */
async function checkChange(subgraph: string, edit: (current: string) => string, operations = manifestOperations) {
  const current = await currentSchema(subgraph);
  const next = edit(current);
  expect(next).not.toBe(current);
  const schemaFile = join(await mkdtemp(join(tmpdir(), 'schema-check-')), 'schema.graphql');
  await writeFile(schemaFile, next);
  const change = { kind: 'file', subgraph, schemaFile } as const;
  return runCheck(await loadSubgraphInputs({ configPath: `${root}supergraph.yaml`, root, change }), operations);
}

describe('schema:check on the real subgraphs', () => {
  it('passes an added field as safe, with no plan changed', async () => {
    const report = await checkChange('products', addWeight);
    expect(report.ok).toBe(true);
    expect(report.changes.map((change) => [change.severity, change.path])).toContainEqual([
      'safe',
      'Product.weightGrams',
    ]);
    expect(report.changes.every((change) => change.severity === 'safe')).toBe(true);
    expect(report.planChanges).toEqual([]);
  });

  it('refuses removing a field a recorded operation selects, naming the operation and its client', async () => {
    const report = await checkChange('products', removeDescription);
    expect(report.ok).toBe(false);
    const removal = report.changes.find((change) => change.path === 'Product.description');
    expect(removal).toMatchObject({ severity: 'breaking' });
    expect(removal?.affected).toEqual([
      expect.objectContaining({ name: 'Product', clients: ['persisted manifest gateway/persisted-operations.json'] }),
    ]);
  });

  it('refuses a nullability change and a new required argument that only validation would miss', async () => {
    const report = await checkChange(
      'products',
      (sdl) =>
        sdl
          .replace('  stock: Int!\n  createdAt', '  stock: Int\n  createdAt')
          .replace('product(id: ID!)', 'product(id: ID!, locale: String!)'),
      [...manifestOperations, mobileOnly],
    );
    const affected = (path: string) =>
      report.changes.find((change) => change.path === path)?.affected.map(({ name }) => name);
    expect(affected('Product.stock')?.sort()).toEqual(['Product', 'Products', 'RestockProduct']);
    expect(affected('Query.product.locale')).toEqual(['Product']);
    expect(report.ok).toBe(false);
  });

  it('passes a breaking change no recorded operation touches, and refuses it once a client uses the field', async () => {
    const withoutSku = (sdl: string) =>
      sdl.replace(
        '  sku: String! @sharedAnswer\n  name: String! @sharedAnswer\n  description',
        '  name: String! @sharedAnswer\n  description',
      );
    // no recorded operation reads a product's createdAt
    const unused = await checkChange('products', (sdl) => sdl.replace('  createdAt: DateTime!\n', ''));
    expect(unused.changes).toContainEqual(
      expect.objectContaining({ path: 'Product.createdAt', severity: 'breaking', affected: [] }),
    );
    expect(unused.ok).toBe(true);
    const used = await checkChange('products', withoutSku, [mobileOnly]);
    expect(used.changes.find((change) => change.path === 'Product.sku')?.affected).toEqual([
      { name: 'ProductSkus', hash: mobileOnly.hash, clients: ['ios@3.1.0 (12 requests)'] },
    ]);
    expect(used.ok).toBe(false);
  });

  it('shows the extra subgraph fetch a field moved with @override adds to the plans that select it', async () => {
    const report = await checkChange('payments', overrideTotal);
    expect(report.ok).toBe(true);
    const placeOrder = report.planChanges.find((change) => change.name === 'PlaceOrder');
    // PlaceOrder read everything from orders: the total now costs a payments fetch after it
    expect(placeOrder?.before).toMatchObject({ subgraphs: ['orders'], fetches: 1, depth: 1 });
    expect(placeOrder?.after).toMatchObject({ subgraphs: ['orders', 'payments'], fetches: 2, depth: 2 });
    expect(placeOrder?.after.outline.map((line) => line.trim())).toContain('Fetch payments: total');
    // Order already asked payments for the payment: the same fetch now brings the total too
    const order = report.planChanges.find((change) => change.name === 'Order');
    expect(order?.before.fetches).toBe(order?.after.fetches);
    expect(order?.after.outline.map((line) => line.trim())).toContain('Fetch payments: total, payment');
  });

  it('reports composition errors with their codes', async () => {
    const report = await checkChange('products', (sdl) => sdl.replace('type Money @shareable {', 'type Money {'));
    expect(report.ok).toBe(false);
    expect(report.composition.errors.map((error) => error.code)).toContain('INVALID_FIELD_SHARING');
  });
});
