import { describe, expect, it } from 'vitest';
import { loadPaymentsConfig } from './config';

const DATABASE = 'postgres://payments:secret@127.0.0.1:5432/payments';

describe('payments configuration', () => {
  it('listens on 127.0.0.1:4004 by default and warns about the development signing secret', () => {
    const config = loadPaymentsConfig({ PAYMENTS_DATABASE_URL: DATABASE });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4004, databaseUrl: DATABASE, environment: 'development' });
    expect(config.warnings).toEqual([expect.stringContaining('PAYMENTS_SIGNING_SECRET')]);
  });

  it('refuses to boot without a postgres database URL, naming the variable', () => {
    expect(() => loadPaymentsConfig({})).toThrow(/PAYMENTS_DATABASE_URL/);
    expect(() => loadPaymentsConfig({ PAYMENTS_DATABASE_URL: 'mysql://x' })).toThrow(/PAYMENTS_DATABASE_URL/);
  });

  it('refuses to boot in production without a signing secret, and uses the one given', () => {
    const production = { NODE_ENV: 'production', PAYMENTS_DATABASE_URL: DATABASE };
    expect(() => loadPaymentsConfig(production)).toThrow(/PAYMENTS_SIGNING_SECRET/);
    const secret = 's'.repeat(32);
    const config = loadPaymentsConfig({ ...production, PAYMENTS_SIGNING_SECRET: secret });
    expect(config).toMatchObject({ signingSecret: secret, warnings: [] });
  });
});

describe('payments saga configuration', () => {
  it('times a charge out after 5 s and keeps tok_slow waiting 30 s by default', () => {
    const config = loadPaymentsConfig({ PAYMENTS_DATABASE_URL: DATABASE });
    expect(config).toMatchObject({ paymentTimeoutMs: 5_000, simulatedProcessorSlowMs: 30_000 });
  });

  it('reads PAYMENT_TIMEOUT_MS and SIMULATED_PROCESSOR_SLOW_MS', () => {
    const env = { PAYMENTS_DATABASE_URL: DATABASE, PAYMENT_TIMEOUT_MS: '200', SIMULATED_PROCESSOR_SLOW_MS: '600' };
    expect(loadPaymentsConfig(env)).toMatchObject({ paymentTimeoutMs: 200, simulatedProcessorSlowMs: 600 });
  });

  it.each([
    ['PAYMENT_TIMEOUT_MS', '0'],
    ['PAYMENT_TIMEOUT_MS', '-5'],
    ['PAYMENT_TIMEOUT_MS', '1.5'],
    ['SIMULATED_PROCESSOR_SLOW_MS', 'soon'],
  ])('refuses to boot when %s is %s, naming the variable', (variable, value) => {
    const env = { PAYMENTS_DATABASE_URL: DATABASE, [variable]: value };
    expect(() => loadPaymentsConfig(env)).toThrow(new RegExp(variable));
  });

  it('refuses a payment timeout that tok_slow would not exceed', () => {
    const env = { PAYMENTS_DATABASE_URL: DATABASE, PAYMENT_TIMEOUT_MS: '600', SIMULATED_PROCESSOR_SLOW_MS: '600' };
    expect(() => loadPaymentsConfig(env)).toThrow(/PAYMENT_TIMEOUT_MS: must be below SIMULATED_PROCESSOR_SLOW_MS/);
  });
});
