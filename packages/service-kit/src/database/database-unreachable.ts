import { errorChain } from './error-chain';
import type { ErrorLink } from './error-chain';

/**
 * Whether `error` says the database could not be reached at all — no connection was made, so
 * no statement ran and nothing was committed. Only such failures may tell a client "nothing
 * was done" (SUBGRAPH_UNAVAILABLE); a connection lost in the middle of the work may have
 * committed, and is not one of them.
 *
 * Recognised through the wrappers the error arrives in (GraphQL's `originalError`, `cause`,
 * Prisma's `meta.driverAdapterError`), by code first and by pg's messages where pg sets no code.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  return errorChain(error).some(saysUnreachable);
}

// the socket never connected: refused, no such host, no route
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// PostgreSQL refused the session: starting up, shutting down, in recovery; too many connections
const SERVER_CODES = new Set(['57P03', '53300']);
// Prisma's code for a driver that could not reach its server
const PRISMA_CODES = new Set(['P1001']);
// pg sets no code on these: its own connect timeout, and the pool's wait for a free connection
const CONNECT_TIMEOUTS = ['Connection terminated due to connection timeout', 'timeout exceeded when trying to connect'];

function saysUnreachable(link: ErrorLink): boolean {
  const codes = [link.code, link.originalCode].filter((code): code is string => typeof code === 'string');
  if (codes.some((code) => SOCKET_CODES.has(code) || SERVER_CODES.has(code) || PRISMA_CODES.has(code))) return true;
  if (link.kind === 'DatabaseNotReachable') return true;
  return typeof link.message === 'string' && CONNECT_TIMEOUTS.some((text) => link.message === text);
}
