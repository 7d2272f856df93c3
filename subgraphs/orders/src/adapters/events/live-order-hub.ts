import type { LiveOrderEvents, LiveOrderStream } from '../../application/ports';
import { inScope } from '../../domain/order-event-log';
import type { OrderEventScope, RecordedOrderEvent } from '../../domain/order-event-log';

/** Options of {@link createLiveOrderHub}. */
export interface LiveOrderHubOptions {
  /** Events a subscription may have waiting before it is ended. Default 1 000. */
  readonly maxQueued?: number;
}

/** This process's live subscriptions, fed from the bus. */
export interface LiveOrderHub extends LiveOrderEvents {
  /** Hands a committed log row to every open stream whose scope holds it. */
  publish(event: RecordedOrderEvent): void;
  /** Ends every open stream with this error, once its reader has taken what was queued before. */
  interrupt(error: Error): void;
  /** Streams open now. */
  readonly size: number;
  /** Ends every stream (the service stops). */
  close(): void;
}

/**
 * Ends a subscription that fell behind: its events would otherwise pile up in memory. The
 * code is public (graphql-js copies `extensions` onto the error it wraps this in), and the
 * message tells the client how to continue without a gap.
 */
export class LiveFeedOverflowError extends Error {
  readonly extensions = { code: 'SUBGRAPH_UNAVAILABLE' };

  constructor() {
    super('This subscription fell too far behind the live events: subscribe again with `after` to resume.');
    this.name = 'LiveFeedOverflowError';
  }
}

/**
 * Ends every subscription when the live events can no longer be given in order (the log could
 * not be read to fill a gap the bus left): a client that resumes with `after` gets them from
 * the log instead, so nothing is skipped in silence.
 */
export class LiveFeedInterruptedError extends Error {
  readonly extensions = { code: 'SUBGRAPH_UNAVAILABLE' };

  constructor() {
    super('The live events were interrupted: subscribe again with `after` to resume without a gap.');
    this.name = 'LiveFeedInterruptedError';
  }
}

interface HubStream extends LiveOrderStream {
  readonly scope: OrderEventScope;
  push(event: RecordedOrderEvent): void;
  fail(error: Error): void;
}

function openStream(scope: OrderEventScope, limits: { maxQueued: number; onEnd: () => void }): HubStream {
  const queue: RecordedOrderEvent[] = [];
  // the pending reader's resolve: an event, undefined once closed, or a rejection once ended by an error
  let waiting: ((event: RecordedOrderEvent | undefined | Promise<never>) => void) | undefined;
  let state: 'open' | 'closed' | { readonly error: Error } = 'open';
  const end = (next: 'closed' | { readonly error: Error }) => {
    if (state !== 'open') return;
    state = next;
    limits.onEnd();
    if (waiting === undefined) return;
    const wake = waiting;
    waiting = undefined;
    if (next === 'closed') wake(undefined);
    else wake(Promise.reject(next.error));
  };
  return {
    scope,
    push(event) {
      if (state !== 'open') return;
      if (waiting) return void (waiting(event), (waiting = undefined));
      if (queue.length < limits.maxQueued) return void queue.push(event);
      queue.length = 0; // the memory goes now, not when the reader comes back
      end({ error: new LiveFeedOverflowError() });
    },
    fail(error) {
      end({ error });
    },
    next() {
      const event = queue.shift();
      if (event !== undefined) return Promise.resolve(event);
      if (state === 'closed') return Promise.resolve(undefined);
      if (state !== 'open') return Promise.reject(state.error);
      return new Promise((resolve) => (waiting = resolve));
    },
    close() {
      end('closed');
    },
  };
}

/** The in-memory fan-out: each stream has its own bounded queue, so one slow reader slows nobody else. */
export function createLiveOrderHub({ maxQueued = 1_000 }: LiveOrderHubOptions = {}): LiveOrderHub {
  const streams = new Set<HubStream>();
  return {
    open(scope) {
      const stream: HubStream = openStream(scope, { maxQueued, onEnd: () => streams.delete(stream) });
      streams.add(stream);
      return stream;
    },
    publish(event) {
      for (const stream of streams) if (inScope(stream.scope, event)) stream.push(event);
    },
    interrupt(error) {
      for (const stream of streams) stream.fail(error);
    },
    get size() {
      return streams.size;
    },
    close() {
      for (const stream of streams) stream.close();
    },
  };
}
