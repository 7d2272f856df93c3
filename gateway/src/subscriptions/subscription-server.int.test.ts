import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { collectSubscription } from './testing/collect-subscription';
import { startSubscriptionHarness, testToken } from './testing/subscription-harness';
import type { HarnessOptions, SubscriptionHarness } from './testing/subscription-harness';

const USER = '6f1c3a52-0000-4000-8000-000000000001';
const OTHER_USER = '6f1c3a52-0000-4000-8000-000000000002';
const ORDER_UPDATED = `subscription Watch($orderId: ID!) {
  orderUpdated(orderId: $orderId) { type order { id items { quantity product { name } } } }
}`;
const watchOrder = { query: ORDER_UPDATED, variables: { orderId: 'o1' } };
const codesOf = (error: unknown) =>
  Array.isArray(error) ? error.map((e: { extensions?: { code?: unknown } }) => e.extensions?.code) : [];

let harness: SubscriptionHarness | undefined;
const start = async (options: HarnessOptions = {}) => (harness = await startSubscriptionHarness(options));
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

function rawSocket(url: string, headers: Record<string, string> = {}) {
  return new WebSocket(url, 'graphql-transport-ws', { headers });
}
const upgradeStatus = (socket: WebSocket) =>
  new Promise<number | undefined>((resolve) => {
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode));
    socket.once('open', () => resolve(101));
  });

describe('the gateway WebSocket endpoint', () => {
  it('refuses an upgrade from an Origin outside the allowlist with 403, and accepts a listed one', async () => {
    const { url } = await start({ allowedOrigins: ['https://shop.example'] });
    expect(await upgradeStatus(rawSocket(url, { origin: 'https://evil.example' }))).toBe(403);
    const allowed = rawSocket(url, { origin: 'https://shop.example' });
    expect(await upgradeStatus(allowed)).toBe(101);
    allowed.close();
  });

  it('cuts a client that stops answering pings, and keeps one that answers them', async () => {
    const { url } = await start({ server: { keepAlive: 1_000 } });
    const silent = new WebSocket(url, 'graphql-transport-ws', { autoPong: false });
    const answering = rawSocket(url);
    expect(await Promise.all([upgradeStatus(silent), upgradeStatus(answering)])).toEqual([101, 101]);
    const closed = new Promise<number>((resolve) => silent.once('close', resolve));
    expect(await closed).toBe(1006); // terminated, no closing handshake
    expect(answering.readyState).toBe(WebSocket.OPEN);
    answering.close();
  });

  it('answers 429 with Retry-After once an IP has spent its rate limit on upgrades', async () => {
    const { url } = await start({ rateLimit: { perIp: { burst: 1, perSecond: 0.01 } } });
    const first = rawSocket(url);
    expect(await upgradeStatus(first)).toBe(101);
    first.close();
    expect(await upgradeStatus(rawSocket(url))).toBe(429);
  });

  it('refuses the (N+1)-th connection from one IP, admits another IP, and admits a new one once one closes', async () => {
    const { url } = await start({ trustedProxies: 1, server: { maxConnectionsPerIp: 2 } });
    const from = (ip: string) => rawSocket(url, { 'x-forwarded-for': ip });
    const open = [from('203.0.113.7'), from('203.0.113.7')];
    expect(await Promise.all(open.map(upgradeStatus))).toEqual([101, 101]);
    expect(await upgradeStatus(from('203.0.113.7'))).toBe(429);
    const other = from('203.0.113.8');
    expect(await upgradeStatus(other)).toBe(101);
    open[0]?.close();
    // the slot is released when the server sees the socket gone, a moment after close()
    let again: WebSocket | undefined;
    await waitFor(async () => (await upgradeStatus((again = from('203.0.113.7')))) === 101, {
      what: 'a new connection from the first IP',
      interval: 50,
    });
    expect(await upgradeStatus(from('203.0.113.7'))).toBe(429);
    [open[1], other, again].forEach((socket) => socket?.close());
  });

  it('charges each subscription to the client IP a trusted proxy forwarded, not to the proxy', async () => {
    // an upgrade and a subscription cost one request each: two per forwarded IP
    const { client, events } = await start({ trustedProxies: 1, rateLimit: { perIp: { burst: 2, perSecond: 0.01 } } });
    const token = await testToken(USER);
    const first = client({ token, headers: { 'x-forwarded-for': '203.0.113.1' } });
    const kept = collectSubscription(first, watchOrder);
    await waitFor(() => events.subscriptions.length === 1, { what: 'the upstream subscription' });
    const refused = await collectSubscription(first, watchOrder).ended;
    expect(refused.kind === 'error' && codesOf(refused.error)).toEqual(['RATE_LIMITED']);
    // another user behind the proxy: an upstream subscription of its own shows it is admitted
    const second = client({ token: await testToken(OTHER_USER), headers: { 'x-forwarded-for': '203.0.113.2' } });
    const other = collectSubscription(second, watchOrder);
    await waitFor(() => events.subscriptions.length === 2, { what: 'the second upstream subscription' });
    events.publish({ type: 'PLACED', orderId: 'o1', productIds: [], note: '' });
    await Promise.all([kept.received(1), other.received(1)]);
    expect([...kept.results, ...other.results].every((result) => result.errors === undefined)).toBe(true);
  });

  it('refuses a subscription on an anonymous connection with UNAUTHENTICATED', async () => {
    const { client } = await start();
    const ending = await collectSubscription(client(), watchOrder).ended;
    expect(ending.kind === 'error' && codesOf(ending.error)).toEqual(['UNAUTHENTICATED']);
  });

  it('closes a connection whose token is invalid with 4401', async () => {
    const { client } = await start();
    const ending = await collectSubscription(client({ token: 'not-a-jwt' }), watchOrder).ended;
    expect(ending).toMatchObject({ kind: 'error', closeCode: 4401 });
  });

  it('ends the subscriptions of a connection whose token expires with UNAUTHENTICATED, then closes it 4401', async () => {
    const { client, events } = await start();
    // valid for 3 to 4 s: time enough to connect and subscribe on a loaded machine
    const token = await testToken(USER, Math.floor(Date.now() / 1000) + 4);
    const closeCodes: number[] = [];
    // the lazy client would close an idle socket itself (1000) before the server's 4401 arrived
    const extra = {
      lazyCloseTimeout: 5_000,
      on: { closed: (event: unknown) => void closeCodes.push((event as { code: number }).code) },
    };
    const watch = collectSubscription(client({ token, extra }), watchOrder);
    await waitFor(() => events.subscriptions.length === 1, { what: 'the upstream subscription' });
    expect(await watch.ended).toEqual({ kind: 'complete' });
    expect(watch.results).toEqual([
      { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] },
    ]);
    await waitFor(() => closeCodes.length > 0, { what: 'the socket to close' });
    expect(closeCodes).toEqual([4401]);
  });

  it('refuses the (N+1)-th subscription on one connection and keeps the first N', async () => {
    const { client, events } = await start({ server: { maxSubscriptionsPerConnection: 2 } });
    const shared = client({ token: await testToken(USER) });
    const kept = [collectSubscription(shared, watchOrder), collectSubscription(shared, watchOrder)];
    // the same user and operation twice: one shared upstream subscription serves both
    await waitFor(() => events.subscriptions.length === 1, { what: 'the upstream subscription' });
    const ending = await collectSubscription(shared, watchOrder).ended;
    expect(ending.kind === 'error' && codesOf(ending.error)).toEqual(['RATE_LIMITED']);
    events.publish({ type: 'PLACED', orderId: 'o1', productIds: [], note: '' });
    await Promise.all(kept.map((watch) => watch.received(1)));
  });

  it('closes the socket with 1009 when a client sends a frame over maxPayload', async () => {
    const { client } = await start({ server: { maxPayload: 1_024 } });
    const oversized = { ...watchOrder, variables: { orderId: 'x'.repeat(2_000) } };
    const ending = await collectSubscription(client({ token: await testToken(USER) }), oversized).ended;
    expect(ending).toMatchObject({ kind: 'error', closeCode: 1009 });
  });

  it('refuses an operation deeper than the HTTP depth limit with GRAPHQL_VALIDATION_FAILED', async () => {
    const { client } = await start({ limits: { maxDepth: 3 } });
    const ending = await collectSubscription(client({ token: await testToken(USER) }), watchOrder).ended;
    expect(ending.kind === 'error' && codesOf(ending.error)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses an operation over the HTTP cost limit with GRAPHQL_VALIDATION_FAILED', async () => {
    const { client } = await start({ limits: { maxCost: 5 } });
    const ending = await collectSubscription(client({ token: await testToken(USER) }), watchOrder).ended;
    expect(ending.kind === 'error' && codesOf(ending.error)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('disconnects a client that never reads while its send backlog stays within maxBufferedBytes', async () => {
    const maxBufferedBytes = 256 * 1_024;
    const { url, events, stats } = await start({ server: { maxBufferedBytes } });
    const socket = rawSocket(url);
    await new Promise((resolve) => socket.once('open', resolve));
    const acknowledged = new Promise((resolve) => socket.once('message', resolve));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await testToken(USER)}` } }),
    );
    await acknowledged;
    const query = 'subscription ($orderId: ID!) { orderUpdated(orderId: $orderId) { id note } }';
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { orderId: 'o1' } } }));
    await waitFor(() => events.subscriptions.length === 1, { what: 'the upstream subscription' });
    socket.pause(); // from now on the client reads nothing
    const note = 'x'.repeat(64 * 1_024);
    // the kernel's socket buffers on loopback absorb tens of MB first: publish until cut (at most 256 MiB)
    for (let batch = 0; batch < 64 && stats().connections > 0; batch++) {
      for (let i = 0; i < 64; i++) events.publish({ type: 'PLACED', orderId: 'o1', productIds: [], note });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(() => stats().connections === 0, { what: 'the slow client to be cut' });
    expect(stats().peakBufferedBytes).toBeGreaterThan(maxBufferedBytes);
    expect(stats().peakBufferedBytes).toBeLessThan(maxBufferedBytes + 2 * note.length);
    socket.terminate();
  });
});
