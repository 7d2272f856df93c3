import type pg from 'pg';
import type { Logger } from 'pino';
import { backoffDelay } from '@shopgraph/service-kit/backoff';
import type { Backoff } from '@shopgraph/service-kit/backoff';
import { BUS_CHANNEL } from './postgres-bus-schema';
import { sleep } from '@shopgraph/service-kit/waker';

/** One LISTEN connection per bus, fanning each notification out to the loops that read events. */
export interface BusListener {
  /**
   * Calls `wake` with the event type of every notification (`undefined` when any reader should
   * look: a replay request, a reconnection); returns the way to stop.
   */
  add(wake: (type: string | undefined) => void): () => void;
  close(): Promise<void>;
}

export interface BusListenerOptions {
  readonly newClient: () => pg.Client;
  readonly logger: Logger;
  readonly backoff: Backoff;
}

/**
 * Keeps listening through lost connections: an error is logged, never thrown, and the listener
 * connects again after a backoff. Notifications lost meanwhile cost nothing but latency, because
 * every reader also polls, and each reconnection wakes them all once.
 */
export function startBusListener({ newClient, logger, backoff }: BusListenerOptions): BusListener {
  const wakers = new Set<(type: string | undefined) => void>();
  const wakeAll = (type?: string) => wakers.forEach((wake) => wake(type === '' ? undefined : type));
  const stopping = new AbortController();

  async function listenUntilLost(failures: number): Promise<number> {
    const client = newClient();
    const lost = new Promise<void>((resolve) => {
      stopping.signal.addEventListener('abort', () => resolve());
      client.on('error', (error) => {
        logger.warn({ err: error }, 'event bus: listen connection lost');
        resolve();
      });
      client.on('end', () => resolve());
    });
    try {
      await client.connect();
      client.on('notification', (message) => wakeAll(message.payload));
      await client.query(`listen ${BUS_CHANNEL}`);
    } catch (error) {
      logger.warn({ err: error }, 'event bus: could not listen, will retry');
      await client.end().catch(() => {});
      return failures + 1;
    }
    wakeAll();
    // ended only here, once connected: pg's end() during a connect can wait for ever
    if (!stopping.signal.aborted) await lost;
    await client.end().catch(() => {});
    return 0;
  }

  const running = (async () => {
    for (let failures = 0; !stopping.signal.aborted; ) {
      failures = await listenUntilLost(failures);
      if (!stopping.signal.aborted) await sleep(backoffDelay(backoff, failures + 1), stopping.signal);
    }
  })();

  return {
    add(wake) {
      wakers.add(wake);
      return () => wakers.delete(wake);
    },
    async close() {
      stopping.abort();
      await running;
    },
  };
}
