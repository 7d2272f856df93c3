import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { captureLines, duplicateTopLevelKeys } from '@shopgraph/test-kit/json-lines';
import { createLogger, secretsOf, serviceLogger } from './logger';

const JWT_SECRET = 'jwt-secret-that-must-never-be-logged-0123456789';
const SIGNING_SECRET = 'signing-secret-that-must-never-be-logged-98765';
const DB_PASSWORD = 'p@ss-word-of-the-database-42';
const DB_URL = `postgres://orders_service:${encodeURIComponent(DB_PASSWORD)}@db.internal:5432/orders`;
const ENV = { JWT_SECRET, ORDERS_SIGNING_SECRET: SIGNING_SECRET, ORDERS_DATABASE_URL: DB_URL, LOG_LEVEL: 'info' };

function logged(write: (log: ReturnType<typeof createLogger>) => void): string[] {
  const { stream, lines } = captureLines();
  const log = createLogger('shopgraph', { level: 'debug', secrets: secretsOf(ENV), destination: stream });
  write(serviceLogger(log, 'orders'));
  return lines;
}

function clientWithSecrets(): pg.Client {
  return new pg.Client({ connectionString: DB_URL });
}

describe('the service logger', () => {
  it('says which service a line is from exactly once, however deep the child', () => {
    const lines = logged((log) =>
      log.child({ component: 'outbox-relay' }).child({ consumer: 'orders-saga' }).info('x'),
    );
    expect(lines).toHaveLength(1);
    expect(duplicateTopLevelKeys(lines[0] ?? '')).toEqual([]);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      name: 'shopgraph',
      service: 'orders',
      component: 'outbox-relay',
    });
  });

  it('never writes a configured secret, a database password or a connection object', () => {
    const lines = logged((log) => {
      log.info({ config: { jwtSecret: JWT_SECRET, signingSecret: SIGNING_SECRET, databaseUrl: DB_URL } }, 'config');
      log.warn({ url: DB_URL, headers: { authorization: `Bearer ${JWT_SECRET}` } }, `connecting to ${DB_URL}`);
      log.error(
        { err: Object.assign(new Error(`failed with ${SIGNING_SECRET}`), { client: clientWithSecrets() }) },
        'lost',
      );
      log.error({
        err: new Error('wrapped', { cause: Object.assign(new Error('inner'), { client: clientWithSecrets() }) }),
      });
      log.info({ pool: new pg.Pool({ connectionString: DB_URL }), client: clientWithSecrets() }, 'objects');
      log.info({ nested: { password: DB_PASSWORD, secretKey: 'abc' } }, JSON.stringify({ JWT_SECRET }));
    });
    const output = lines.join('\n');
    expect(lines).toHaveLength(6);
    for (const secret of [JWT_SECRET, SIGNING_SECRET, DB_PASSWORD, encodeURIComponent(DB_PASSWORD)]) {
      expect(output).not.toContain(secret);
    }
    for (const internal of ['connectionParameters', '_clients', '"secretKey":1', 'processID']) {
      expect(output).not.toContain(internal);
    }
    // what is not secret stays readable
    expect(output).toContain('db.internal:5432/orders');
    expect(output).toContain('failed with [Redacted]');
  });
});
