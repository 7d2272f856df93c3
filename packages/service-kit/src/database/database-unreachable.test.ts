import { describe, expect, it } from 'vitest';
import { isDatabaseConnectionLost } from './database-connection-lost';
import { isDatabaseUnreachable } from './database-unreachable';

const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error('Can’t reach database server at 10.0.0.5:5432'), {
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
const wrappedInGraphQL = (error: Error) => ({ message: 'x', originalError: { message: 'y', originalError: error } });

describe('isDatabaseUnreachable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['an unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' })],
    ["pg's connect timeout", new Error('Connection terminated due to connection timeout')],
    ["the pool's wait for a connection", new Error('timeout exceeded when trying to connect')],
    [
      'a server starting up or shutting down',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ["Prisma's P1001", prismaError('P1001', { kind: 'DatabaseNotReachable', host: '10.0.0.5', port: 5432 })],
  ])('says yes for %s, however deeply GraphQL wrapped it', (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(isDatabaseUnreachable(wrappedInGraphQL(error))).toBe(true);
  });

  it.each([
    ['a connection lost mid-statement', new Error('Connection terminated unexpectedly')],
    [
      'a statement cancelled by its timeout',
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    ],
    [
      'a server killed during the work',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a client read timeout', new Error('Query read timeout')],
    ['a unique violation', prismaError('P2002', { kind: 'UniqueConstraintViolation' })],
    ['a domain refusal', new Error('Not enough stock')],
  ])('says no for %s: the work may have been done', (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });

  it('says no for values that are not errors', () => {
    expect(isDatabaseUnreachable(undefined)).toBe(false);
    expect(isDatabaseUnreachable('ECONNREFUSED')).toBe(false);
  });
});

describe('isDatabaseConnectionLost', () => {
  it.each([
    ['a socket closed under a statement', new Error('Connection terminated unexpectedly')],
    ['a silent server past query_timeout', new Error('Query read timeout')],
    ['a server shut down during the work', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ["Prisma's closed connection", prismaError('P1017', { kind: 'ConnectionClosed' })],
  ])('says yes for %s, however deeply GraphQL wrapped it', (_label, error) => {
    expect(isDatabaseConnectionLost(wrappedInGraphQL(error))).toBe(true);
  });

  it('says no for a refused connection or a domain refusal', () => {
    expect(isDatabaseConnectionLost(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isDatabaseConnectionLost(new Error('Not enough stock'))).toBe(false);
  });
});
