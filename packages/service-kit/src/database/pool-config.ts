import type { PoolConfig } from 'pg';

/**
 * Splits a postgres:// URL into discrete pool settings.
 *
 * Prisma Migrate opens its shadow database with `{ ...poolConfig, database }`; with a
 * `connectionString` the override is ignored and the shadow database silently becomes
 * the real one, so every pool we build gets discrete fields.
 */
export function poolConfigFromUrl(url: string): PoolConfig {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`database URL must use postgres:// (got ${parsed.protocol})`);
  }
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    ...(sslmode === 'require' ? { ssl: { rejectUnauthorized: false } } : {}),
  };
}
