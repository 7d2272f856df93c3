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
