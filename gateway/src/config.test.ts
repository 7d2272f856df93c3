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

  it('refuses a signing secret shorter than 32 characters, for any subgraph name', () => {
    expect(() => loadGatewayConfig({ USERS_SIGNING_SECRET: 'short' }).subgraphs('users')).toThrow(
      /USERS_SIGNING_SECRET/,
    );
    expect(() => loadGatewayConfig({ REVIEWS_SIGNING_SECRET: 'short' }).subgraphs('reviews')).toThrow(
      /REVIEWS_SIGNING_SECRET: must be at least 32 characters/,
    );
    expect(() => loadGatewayConfig({ SUBGRAPH_SIGNING_SECRET: 'short' })).toThrow(/SUBGRAPH_SIGNING_SECRET/);
  });

  it('names the bad variable of a subgraph it never saw before', () => {
    const config = loadGatewayConfig({ PRODUCT_REVIEWS_URL: 'not a url', PRODUCT_REVIEWS_TIMEOUT_MS: '1' });
    expect(() => config.subgraphs('product-reviews')).toThrow(/PRODUCT_REVIEWS_URL[^]*PRODUCT_REVIEWS_TIMEOUT_MS/);
  });

  it('warns about the development JWT secret it uses outside production', () => {
    expect(loadGatewayConfig({}).warnings).toEqual([expect.stringMatching(/^JWT_SECRET/)]);
  });

  it('uses the secrets and subgraph URLs it is given', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      ...productionSecrets,
      ORDERS_URL: 'http://orders:4003/graphql',
    });
    expect(config.warnings).toEqual([]);
    expect(config.subgraphs('orders')).toEqual({
      url: 'http://orders:4003/graphql',
      signingSecret: secret('orders'),
      timeoutMs: 10_000,
      breaker: { failureThreshold: 5, halfOpenAfterMs: 2_000 },
    });
    expect(config.subgraphs('users').url).toBeUndefined();
  });

  it('lets one subgraph have its own timeout and breaker, by its name', () => {
    const config = loadGatewayConfig({
      SUBGRAPH_TIMEOUT_MS: '3000',
      PAYMENTS_TIMEOUT_MS: '500',
      REVIEWS_BREAKER_FAILURE_THRESHOLD: '2',
      REVIEWS_BREAKER_HALF_OPEN_AFTER_MS: '9000',
    });
    expect(config.subgraphs('payments').timeoutMs).toBe(500);
    expect(config.subgraphs('users').timeoutMs).toBe(3_000);
    expect(config.subgraphs('reviews').breaker).toEqual({ failureThreshold: 2, halfOpenAfterMs: 9_000 });
    expect(config.subgraphs('users').breaker).toEqual({ failureThreshold: 5, halfOpenAfterMs: 2_000 });
  });

  it('signs a subgraph without a secret of its own with SUBGRAPH_SIGNING_SECRET, in production too', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      ...productionSecrets,
      SUBGRAPH_SIGNING_SECRET: secret('any'),
    });
    expect(config.subgraphs('reviews').signingSecret).toBe(secret('any'));
    expect(config.subgraphs('reviews').developmentSecret).toBeUndefined();
    expect(config.subgraphs('orders').signingSecret).toBe(secret('orders'));
  });

  it('refuses, in production, a subgraph with no secret, naming the variables that would give it one', () => {
    const config = loadGatewayConfig({ NODE_ENV: 'production', ...productionSecrets });
    expect(() => config.subgraphs('reviews')).toThrow(
      /REVIEWS_SIGNING_SECRET: subgraph "reviews" has no signing secret; set REVIEWS_SIGNING_SECRET or SUBGRAPH_SIGNING_SECRET/,
    );
  });

  it('gives a subgraph without a secret, outside production, the development default its own service uses', () => {
    const reviews = loadGatewayConfig({}).subgraphs('reviews');
    expect(reviews.signingSecret).toBe('development-only-reviews_signing_secret-never-in-production');
    expect(reviews.developmentSecret).toBe('REVIEWS_SIGNING_SECRET');
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
