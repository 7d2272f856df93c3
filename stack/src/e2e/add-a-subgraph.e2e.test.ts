import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { createLogger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { composeCommittedWith } from '../testing/compose-committed-with';
import { liveClient, untilLive } from '../testing/live-client';
import { gatewayReadiness, reloadSupergraph } from '../testing/reload-supergraph';
import { REVIEWS_SCHEMA_PATH, startReviewsSubgraph } from '../testing/reviews/reviews-subgraph';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'one-secret-for-every-subgraph-of-this-test';
const PRODUCT = '{ products(first: 1) { edges { node { id } } } }';
const REVIEWS = 'query ($id: ID!) { product(id: $id) { name reviews { rating body } } }';
const ADD_REVIEW = 'mutation ($id: ID!, $body: String!) { addReview(productId: $id, rating: 5, body: $body) { id } }';
const REVIEW_ADDED = 'subscription ($id: ID) { reviewAdded(productId: $id) { body product { name } } }';

// a routing URL the gateway cannot reach: REVIEWS_URL, found by the naming rule, must win
const composeWithReviews = (dir: string) =>
  composeCommittedWith(dir, {
    reviews: { routing_url: 'http://reviews.invalid/graphql', schema: { file: REVIEWS_SCHEMA_PATH } },
  });

describe('a fifth subgraph the gateway was never told about', () => {
  let dir: string;
  let supergraphPath: string;
  let reviews: RunningService;
  let shop: TestStack;
  let productId: string;
  const logLines: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopgraph-reviews-'));
    supergraphPath = join(dir, 'supergraph.graphql');
    await copyFile(join(root, 'supergraph.graphql'), supergraphPath);
    reviews = await startReviewsSubgraph({ signingSecret: SECRET, log: createLogger('reviews', 'silent') });
    const sink = new Writable({ write: (chunk: Buffer, _, done) => (logLines.push(chunk.toString()), done()) });
    shop = await startTestStack(
      {
        NODE_ENV: 'development',
        SUPERGRAPH_PATH: supergraphPath,
        SUBGRAPH_SIGNING_SECRET: SECRET,
        REVIEWS_URL: reviews.url,
      },
      pino({ level: 'info' }, sink),
    );
    const page = await graphql<{ products: { edges: { node: { id: string } }[] } }>(shop.url, { query: PRODUCT });
    productId = page.data?.products.edges[0]?.node.id ?? '';
  });
  afterAll(async () => {
    await shop.stop();
    await reviews.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const ready = () => gatewayReadiness(shop.url);
  const reload = (supergraphSdl: string) =>
    reloadSupergraph({ gatewayUrl: shop.url, path: supergraphPath, supergraphSdl });
  const addReview = (body: string) => graphql(shop.url, { query: ADD_REVIEW, variables: { id: productId, body } });

  it('returns the query plan, in development, to whoever asks as Sandbox and Router do', async () => {
    const ask = async (headers: Record<string, string>) => {
      const response = await fetch(shop.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: PRODUCT }),
      });
      return ((await response.json()) as { extensions?: Record<string, unknown> }).extensions;
    };
    const router = (await ask({ 'apollo-expose-query-plan': 'true' }))?.['apolloQueryPlan'];
    expect(router).toMatchObject({ object: { kind: 'QueryPlan', node: { kind: 'Fetch', serviceName: 'products' } } });
    expect((router as { text: string }).text).toContain('Fetch(service: "products")');
    const sandbox = await ask({ 'apollo-query-plan-experimental': '1' });
    expect(sandbox?.['__queryPlanExperimental']).toContain('Fetch(service: "products")');
    expect(await ask({})).toBeUndefined();
  });

  it('is queried and subscribed to once composed in, then gone once composed out, all without a restart', async () => {
    await reload(await composeWithReviews(dir));
    expect(await ready()).toMatchObject({ status: 'ready', subgraphs: { reviews: true } });

    // the Subscription field's owner is the new subgraph; products completes each event
    const client = liveClient(shop.url, await logInAsCustomer(shop.url));
    const live = collectSubscription(client, { query: REVIEW_ADDED, variables: { id: productId } });
    await untilLive(live, () => addReview('warm-up'));
    expect(codesOf(await addReview('Sturdy and quiet.'))).toEqual([]);
    await waitFor(() => live.results.some((result) => bodyOf(result.data) === 'Sturdy and quiet.'));
    const name = live.results[0]?.data?.['reviewAdded'] as { product: { name: string } } | undefined;
    expect(name?.product.name).toEqual(expect.any(String));

    const product = await graphql<{ product: { reviews: { body: string }[] } }>(shop.url, {
      query: REVIEWS,
      variables: { id: productId },
    });
    expect(product.data?.product.reviews.map((review) => review.body)).toContain('Sturdy and quiet.');
    live.dispose();
    await client.dispose();

    await reload(await readFile(join(root, 'supergraph.graphql'), 'utf8'));
    expect(await ready()).toMatchObject({ status: 'ready', subgraphs: expect.not.objectContaining({ reviews: true }) });
    const gone = await graphql(shop.url, { query: REVIEWS, variables: { id: productId } });
    expect(gone.errors?.map((error) => error.message)).toEqual(['Cannot query field "reviews" on type "Product".']);
  });

  it('keeps the supergraph in force when a reloaded one cannot be served', async () => {
    const inForce = (await ready()).supergraph;
    await writeFile(supergraphPath, 'schema { query: Query } type Query { broken: String }');
    await waitFor(() => logLines.some((line) => line.includes('supergraph reload refused')), { what: 'the refusal' });
    expect((await ready()).supergraph).toBe(inForce);
    expect(codesOf(await graphql(shop.url, { query: PRODUCT }))).toEqual([]);
  });
});

const codesOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (response.errors ?? []).map((error) => error.extensions?.['code']);
const bodyOf = (data: Record<string, unknown> | null | undefined) =>
  (data?.['reviewAdded'] as { body?: string } | undefined)?.body;
