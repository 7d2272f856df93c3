import type { Logger } from 'pino';

/** What a service sends the process that spawned it, once it listens. */
export interface ListeningMessage {
  readonly type: 'listening';
  /** The service's GraphQL URL, with the port the kernel gave it. */
  readonly url: string;
}

/**
 * Logs where the service listens and, when its parent started it with an IPC channel (the
 * multi-process tests, the bench and `npm run start:services` do), sends it the URL. A parent
 * can then start a service on port 0 and learn its port from the service itself, instead of
 * guessing a free port that another process may take first (decision 0019).
 */
export function announceListening(log: Logger, url: string, message: string): void {
  log.info({ url }, message);
  if (!process.send) return;
  const announcement: ListeningMessage = { type: 'listening', url };
  process.send(announcement);
  // the channel must never be what keeps a stopping service alive
  process.channel?.unref();
}
