import { errorChain } from './error-chain';
import type { ErrorLink } from './error-chain';

// the server went away or was shut down while the work was under way
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', '57P01', '57P02', '08003', '08006', 'P1017']);
// pg sets no code on these: the socket closed under a query, a silent server past query_timeout
const LOST_MESSAGES = [
  'Connection terminated unexpectedly',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
];

function saysLost(link: ErrorLink): boolean {
  const codes = [link.code, link.originalCode].filter((code): code is string => typeof code === 'string');
  if (codes.some((code) => LOST_CODES.has(code))) return true;
  if (link.kind === 'ConnectionClosed') return true;
  return typeof link.message === 'string' && LOST_MESSAGES.includes(link.message);
}

/**
 * Whether `error` says the database connection was lost while the work was under way: the
 * transaction may or may not have committed (the server may have died after the COMMIT and
 * before its reply). A mutation that fails so has an unknown outcome.
 */
export const isDatabaseConnectionLost = (error: unknown): boolean => errorChain(error).some(saysLost);
