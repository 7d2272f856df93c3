import { describe, expect, it } from 'vitest';
import { loadOrdersConfig } from './config';

const url = 'postgres://orders_service:secret@127.0.0.1:5432/orders';

describe('orders config', () => {
  it('runs on 127.0.0.1:4003 by default and warns about the development signing secret', () => {
    const config = loadOrdersConfig({ ORDERS_DATABASE_URL: url });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4003, databaseUrl: url, environment: 'development' });
    expect(config.warnings).toEqual([expect.stringMatching(/ORDERS_SIGNING_SECRET/)]);
  });

  it('refuses to boot without a database URL, naming the variable', () => {
    expect(() => loadOrdersConfig({})).toThrow(/ORDERS_DATABASE_URL/);
  });

  it('refuses to boot in production without a signing secret', () => {
    expect(() => loadOrdersConfig({ ORDERS_DATABASE_URL: url, NODE_ENV: 'production' })).toThrow(
      /ORDERS_SIGNING_SECRET: must be set in production/,
    );
  });

  it('signs with SUBGRAPH_SIGNING_SECRET, as the gateway does, when it has no secret of its own', () => {
    const shared = 'a-shared-subgraph-secret-of-32-characters';
    const production = { ORDERS_DATABASE_URL: url, NODE_ENV: 'production', SUBGRAPH_SIGNING_SECRET: shared };
    expect(loadOrdersConfig(production).signingSecret).toBe(shared);
    const own = 'the-orders-own-secret-of-32-characters!';
    expect(loadOrdersConfig({ ...production, ORDERS_SIGNING_SECRET: own }).signingSecret).toBe(own);
  });

  it('keeps order events for 72 hours unless told otherwise', () => {
    expect(loadOrdersConfig({ ORDERS_DATABASE_URL: url }).orderEventsRetentionHours).toBe(72);
    const week = loadOrdersConfig({ ORDERS_DATABASE_URL: url, ORDER_EVENTS_RETENTION_HOURS: '168' });
    expect(week.orderEventsRetentionHours).toBe(168);
  });

  it('refuses an order event retention under 24 hours or not a whole number, naming the variable', () => {
    for (const hours of ['23', '36.5', 'a day']) {
      expect(() => loadOrdersConfig({ ORDERS_DATABASE_URL: url, ORDER_EVENTS_RETENTION_HOURS: hours })).toThrow(
        /ORDER_EVENTS_RETENTION_HOURS/,
      );
    }
  });

  it('cancels unsettled orders after 2 minutes unless told otherwise', () => {
    expect(loadOrdersConfig({ ORDERS_DATABASE_URL: url }).orderSettleDeadlineMs).toBe(120_000);
    const tenMinutes = loadOrdersConfig({ ORDERS_DATABASE_URL: url, ORDER_SETTLE_DEADLINE_MS: '600000' });
    expect(tenMinutes.orderSettleDeadlineMs).toBe(600_000);
  });

  it('refuses a settle deadline that is not a positive whole number of milliseconds, naming the variable', () => {
    for (const ms of ['0', '-5', '1.5', 'soon']) {
      expect(() => loadOrdersConfig({ ORDERS_DATABASE_URL: url, ORDER_SETTLE_DEADLINE_MS: ms })).toThrow(
        /ORDER_SETTLE_DEADLINE_MS/,
      );
    }
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadOrdersConfig({ ORDERS_DATABASE_URL: url, ORDERS_PORT: 'http' })).toThrow(/ORDERS_PORT/);
  });
});
