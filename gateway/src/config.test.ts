import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config';

const secret = (name: string) => `${name}-secret-that-is-at-least-32-chars`;
const productionSecrets = {
  JWT_SECRET: secret('jwt'),
  USERS_SIGNING_SECRET: secret('users'),
  PRODUCTS_SIGNING_SECRET: secret('products'),
  ORDERS_SIGNING_SECRET: secret('orders'),
  PAYMENTS_SIGNING_SECRET: secret('payments'),
};

describe('gateway configuration', () => {
  it('refuses to start in production with the development JWT secret', () => {
    const { JWT_SECRET: _, ...withoutJwt } = productionSecrets;
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', ...withoutJwt })).toThrow(
      /JWT_SECRET: must be set in production/,
    );
  });

  it('refuses a signing secret shorter than 32 characters', () => {
    expect(() => loadGatewayConfig({ USERS_SIGNING_SECRET: 'short' })).toThrow(/USERS_SIGNING_SECRET/);
  });

  it('warns about every development default it uses outside production', () => {
    expect(loadGatewayConfig({}).warnings).toHaveLength(5);
  });

  it('uses the secrets and subgraph URLs it is given', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      ...productionSecrets,
      ORDERS_URL: 'http://orders:4003/graphql',
    });
    expect(config.warnings).toEqual([]);
    expect(config.subgraphs.orders).toEqual({
      url: 'http://orders:4003/graphql',
      signingSecret: secret('orders'),
      timeoutMs: 10_000,
    });
    expect(config.subgraphs.users.url).toBeUndefined();
  });

  it('lets one subgraph have its own timeout', () => {
    const config = loadGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '3000', PAYMENTS_TIMEOUT_MS: '500' });
    expect(config.subgraphs.payments.timeoutMs).toBe(500);
    expect(config.subgraphs.users.timeoutMs).toBe(3_000);
  });

  it('names the bad variable when a port is not a number', () => {
    expect(() => loadGatewayConfig({ GATEWAY_PORT: 'eighty' })).toThrow(/GATEWAY_PORT/);
  });

  it('caps WebSocket connections per IP at 50 unless told otherwise, and refuses a cap below 1', () => {
    expect(loadGatewayConfig({}).subscriptions.maxConnectionsPerIp).toBe(50);
    expect(loadGatewayConfig({ WS_MAX_CONNECTIONS_PER_IP: '5' }).subscriptions.maxConnectionsPerIp).toBe(5);
    expect(() => loadGatewayConfig({ WS_MAX_CONNECTIONS_PER_IP: '0' })).toThrow(/WS_MAX_CONNECTIONS_PER_IP/);
  });

  it('bounds token lifetimes by JWT_TTL_SECONDS, an hour by default', () => {
    expect(loadGatewayConfig({}).jwt.maxTtlSeconds).toBe(3_600);
    expect(loadGatewayConfig({ JWT_TTL_SECONDS: '600' }).jwt.maxTtlSeconds).toBe(600);
  });

  it('holds a batch to 10 operations unless told otherwise', () => {
    expect(loadGatewayConfig({}).maxBatchOperations).toBe(10);
    expect(() => loadGatewayConfig({ MAX_BATCH_OPERATIONS: '0' })).toThrow(/MAX_BATCH_OPERATIONS/);
  });
});
