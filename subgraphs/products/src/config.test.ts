import { describe, expect, it } from 'vitest';
import { loadProductsConfig } from './config';

const URL = 'postgres://products_service:secret@127.0.0.1:5432/products';
const SECRET = 's'.repeat(32);

describe('loadProductsConfig', () => {
  it('listens on 127.0.0.1:4002 by default and warns about the development signing secret', () => {
    const config = loadProductsConfig({ PRODUCTS_DATABASE_URL: URL });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4002, databaseUrl: URL, environment: 'development' });
    expect(config.warnings).toEqual([expect.stringMatching(/PRODUCTS_SIGNING_SECRET/)]);
  });

  it('takes the port, host and signing secret it is given, without warnings', () => {
    const env = { PRODUCTS_DATABASE_URL: URL, PRODUCTS_PORT: '5002', PRODUCTS_HOST: '0.0.0.0' };
    const config = loadProductsConfig({ ...env, PRODUCTS_SIGNING_SECRET: SECRET });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 5002, signingSecret: SECRET, warnings: [] });
  });

  it('caches public product fields for 60 seconds by default, and not at all with ENTITY_CACHE=false', () => {
    expect(loadProductsConfig({ PRODUCTS_DATABASE_URL: URL }).entityCache).toEqual({ enabled: true, ttlSeconds: 60 });
    const off = { PRODUCTS_DATABASE_URL: URL, ENTITY_CACHE: 'false', ENTITY_CACHE_TTL_SECONDS: '5' };
    expect(loadProductsConfig(off).entityCache).toEqual({ enabled: false, ttlSeconds: 5 });
    expect(() => loadProductsConfig({ PRODUCTS_DATABASE_URL: URL, ENTITY_CACHE: 'no' })).toThrow(/ENTITY_CACHE/);
    expect(() => loadProductsConfig({ PRODUCTS_DATABASE_URL: URL, ENTITY_CACHE_TTL_SECONDS: '0' })).toThrow(
      /ENTITY_CACHE_TTL_SECONDS/,
    );
  });

  it('refuses to boot without a database URL, naming the variable', () => {
    expect(() => loadProductsConfig({})).toThrow(/PRODUCTS_DATABASE_URL/);
  });

  it('refuses to boot in production without a signing secret, or with a short one', () => {
    expect(() => loadProductsConfig({ NODE_ENV: 'production', PRODUCTS_DATABASE_URL: URL })).toThrow(
      /PRODUCTS_SIGNING_SECRET/,
    );
    expect(() => loadProductsConfig({ PRODUCTS_DATABASE_URL: URL, PRODUCTS_SIGNING_SECRET: 'short' })).toThrow(
      /PRODUCTS_SIGNING_SECRET/,
    );
  });

  it('refuses a port that is not a port', () => {
    expect(() => loadProductsConfig({ PRODUCTS_DATABASE_URL: URL, PRODUCTS_PORT: '70000' })).toThrow(/PRODUCTS_PORT/);
  });
});
