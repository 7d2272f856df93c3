import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST_PATH } from '@shopgraph/gateway/persisted-operations/persisted-operation-manifest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { loadRecordedOperations } from '../../../gateway/scripts/schema-check/recorded-operations';
import { runCheck } from '../../../gateway/scripts/schema-check/run-check';
import { currentSchema, overrideTotal } from '../../../gateway/scripts/schema-check/schema-edits';
import { loadSubgraphInputs } from '../../../gateway/scripts/schema-check/subgraph-inputs';
import { composeCommittedWith } from '../testing/compose-committed-with';
import { placeOrder } from '../testing/saga-probe';
import { reloadSupergraph } from '../testing/reload-supergraph';
import { startSteadyTraffic } from '../testing/steady-traffic';
import type { SteadyTraffic } from '../testing/steady-traffic';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PRODUCT = '{ products(first: 1) { edges { node { id } } } }';
const ORDER = 'query OrderTotal($id: ID!) { order(id: $id) { id status total { amount currency } } }';

describe('moving Order.total from orders to payments with @override', () => {
  let dir: string;
  let supergraphPath: string;
  let movedSchemaFile: string;
  let shop: TestStack;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopgraph-override-'));
    supergraphPath = join(dir, 'supergraph.graphql');
    movedSchemaFile = join(dir, 'payments.graphql');
    await copyFile(join(root, 'supergraph.graphql'), supergraphPath);
    const moved = overrideTotal(await currentSchema('payments'));
    await writeFile(movedSchemaFile, moved);
    // payments' next version is deployed first: it serves the field, which no plan asks it for yet
    shop = await startTestStack({ NODE_ENV: 'development', SUPERGRAPH_PATH: supergraphPath }, undefined, {
      deployedSchemas: { payments: parse(moved) },
    });
  });
  afterAll(async () => {
    await shop?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows, in schema:check, the payments fetch that now brings the total', async () => {
    const change = { kind: 'file', subgraph: 'payments', schemaFile: movedSchemaFile } as const;
    const inputs = await loadSubgraphInputs({ configPath: join(root, 'supergraph.yaml'), root, change });
    const operations = await loadRecordedOperations({
      manifests: [DEFAULT_MANIFEST_PATH],
      usageRecord: undefined,
      root,
    });
    const report = await runCheck(inputs, operations);

    expect(report.ok).toBe(true);
    expect(report.changes).toEqual([]);
    const order = report.planChanges.find((change) => change.name === 'Order');
    expect(order?.before.outline).toContain('      Fetch payments: payment');
    expect(order?.after.outline).toContain('      Fetch payments: total, payment');
    const hints = report.composition.hints.map((hint) => hint.code);
    expect(hints).toContain('OVERRIDDEN_FIELD_CAN_BE_REMOVED');
  });

  it('hot-reloads the gateway onto the move and back under steady traffic, with no failed request and the same totals', async () => {
    const token = await logInAsCustomer(shop.url);
    const page = await graphql<{ products: { edges: { node: { id: string } }[] } }>(shop.url, { query: PRODUCT });
    const productId = page.data?.products.edges[0]?.node.id ?? '';
    const input = { items: [{ productId, quantity: 2 }], paymentToken: 'tok_visa', idempotencyKey: 'override-walk' };
    const placed = await placeOrder(shop.url, token, input);
    const id = placed.data?.placeOrder.id;
    const operation = { query: ORDER, variables: { id }, token };
    await waitFor(async () => (await graphql<OrderAnswer>(shop.url, operation)).data?.order?.status === 'CONFIRMED', {
      what: 'the order confirmed',
    });
    const expected = (await graphql<OrderAnswer>(shop.url, operation)).data?.order?.total;
    expect(expected).toMatchObject({ amount: expect.any(Number), currency: expect.any(String) });

    const traffic = startSteadyTraffic({ url: shop.url, operation, field: 'total' });
    const reload = (supergraphSdl: string) =>
      reloadSupergraph({ gatewayUrl: shop.url, path: supergraphPath, supergraphSdl });
    try {
      // odd phases are the reloads themselves: a request sent then may be planned either way
      await answered(traffic, 0);
      traffic.phase = 1;
      await reload(await composeCommittedWith(dir, { payments: { schema: { file: movedSchemaFile } } }));
      traffic.phase = 2;
      await answered(traffic, 2);
      traffic.phase = 3;
      await reload(await readFile(join(root, 'supergraph.graphql'), 'utf8'));
      traffic.phase = 4;
      await answered(traffic, 4);
    } finally {
      await traffic.stop();
    }

    expect(traffic.answers.filter((answer) => answer.failure !== undefined)).toEqual([]);
    const totals = new Set(
      traffic.answers.map((answer) => JSON.stringify((answer.data as Partial<OrderAnswer> | undefined)?.order?.total)),
    );
    expect([...totals]).toEqual([JSON.stringify(expected)]);
    const owners = (phase: number) => new Set(within(traffic, phase).flatMap((answer) => answer.fetchedFrom));
    expect([...owners(0)]).toEqual(['orders']);
    expect([...owners(2)]).toEqual(['payments']);
    expect([...owners(4)]).toEqual(['orders']);
  });
});

interface OrderAnswer {
  readonly order: { readonly status: string; readonly total: { amount: number; currency: string } | null } | null;
}

// the answers to requests sent and answered while one supergraph was surely in force
const within = (traffic: SteadyTraffic, phase: number) =>
  traffic.answers.filter((answer) => answer.phase === phase && answer.answeredIn === phase);

// traffic keeps going while the gateway swaps supergraphs: each steady phase waits for answers of its own
const answered = (traffic: SteadyTraffic, phase: number) =>
  waitFor(() => within(traffic, phase).length >= 20, {
    what: `20 answers in phase ${phase}`,
  });
