import type { Identity } from '@shopgraph/service-kit/identity';
import type { OrderEventScope, RecordedOrderEvent } from '../domain/order-event-log';
import { authorizeOrderEvents } from './order-event-access';
import type { OrderEventsRequest } from './order-event-access';
import type { LiveOrderEvents, LiveOrderStream, OrderEventLog, OrderRepository } from './ports';

export interface FollowOrderEventsDeps {
  readonly orders: OrderRepository;
  readonly log: OrderEventLog;
  readonly live: LiveOrderEvents;
  /** Log rows read per replay statement. Default 500. */
  readonly replayPageSize?: number;
}

export type FollowOrderEvents = (
  identity: Identity,
  request: OrderEventsRequest,
) => AsyncIterableIterator<RecordedOrderEvent>;

/**
 * The three subscriptions: once authorized, the live stream is opened FIRST (it buffers), the
 * log is replayed past `after`, then the buffer is drained skipping what the replay already
 * gave (sequence ≤ the last one sent), and the stream goes on live. An event committed at any
 * moment is therefore in the replay, the buffer or both, never in neither: no gap, no duplicate.
 * Authorization runs on the first `next()`, so a refusal ends the stream with its error.
 */
export function followOrderEvents(deps: FollowOrderEventsDeps): FollowOrderEvents {
  const { replayPageSize = 500 } = deps;
  return (identity, request) => {
    let stream: LiveOrderStream | undefined;
    let ended = false;
    async function* events(): AsyncGenerator<RecordedOrderEvent, void> {
      const { scope, afterSequence } = await authorizeOrderEvents(deps, identity, request);
      if (ended) return;
      stream = deps.live.open(scope);
      try {
        let last = afterSequence ?? 0;
        if (afterSequence !== undefined) {
          for await (const event of replay(deps.log, { scope, afterSequence, limit: replayPageSize })) {
            if (ended) return;
            yield event;
            last = event.sequence;
          }
        }
        for (let event = await stream.next(); event !== undefined; event = await stream.next()) {
          if (event.sequence <= last) continue;
          last = event.sequence;
          yield event;
        }
      } finally {
        stream.close();
      }
    }
    // closing the live stream first resolves a pending wait for the next event; otherwise an
    // idle subscription's generator could not return until another event arrived
    return endable(events(), () => {
      ended = true;
      stream?.close();
    });
  };
}

async function* replay(
  log: OrderEventLog,
  query: { scope: OrderEventScope; afterSequence: number; limit: number },
): AsyncGenerator<RecordedOrderEvent, void> {
  for (let after = query.afterSequence; ; ) {
    const page = await log.readAfter({ ...query, afterSequence: after });
    yield* page;
    const lastRow = page.at(-1);
    if (lastRow === undefined || page.length < query.limit) return;
    after = lastRow.sequence;
  }
}

function endable<T>(generator: AsyncGenerator<T, void>, end: () => void): AsyncIterableIterator<T> {
  return {
    next: () => generator.next(),
    return: () => {
      end();
      return generator.return(undefined);
    },
    throw: (error: unknown) => {
      end();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
