import type { PoolConfig } from 'pg';

/**
 * Splits a postgres:// URL into discrete pool settings.
 *
 * Prisma Migrate opens its shadow database with `{ ...poolConfig, database }`; with a
 * `connectionString` the override is ignored and the shadow database silently becomes
 * the real one, so every pool we build gets discrete fields.
 *
 * As in libpq, a `host` query parameter overrides the URL's host, and a value starting with `/`
 * is the directory of the server's Unix socket (`postgres://u:p@localhost:5432/db?host=/tmp`):
 * cheaper than TCP on the same machine.
 */
export function poolConfigFromUrl(url: string): PoolConfig {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`database URL must use postgres:// (got ${parsed.protocol})`);
  }
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname),
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    ...(sslmode === 'require' ? { ssl: { rejectUnauthorized: false } } : {}),
  };
}
