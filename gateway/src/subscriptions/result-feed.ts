import type { ExecutionResult, GraphQLError } from 'graphql';
import { createEventQueue } from './event-queue';
import type { Backlog } from './event-queue';
import { createOrderedWriter, settled } from './ordered-writer';
import type { Settling } from './ordered-writer';
import { traceDelivery } from './traced-events';
import type { TracedSubscription } from './traced-events';
import type { UpstreamEvent } from './upstream-subscription';

type Item =
  | { readonly kind: 'event'; readonly event: UpstreamEvent; readonly result: Settling<ExecutionResult> }
  | { readonly kind: 'failure'; readonly errors: readonly GraphQLError[] };

/** One shared upstream event reaches every subscriber's queue: it is measured once, not once per subscriber. */
const eventSizes = new WeakMap<UpstreamEvent, number>();
function sizeOf(event: UpstreamEvent): number {
  let size = eventSizes.get(event);
  if (size === undefined) eventSizes.set(event, (size = JSON.stringify(event).length));
  return size;
}

export const DONE: IteratorResult<ExecutionResult> = { done: true, value: undefined };

/** Between one subscription's upstream events and its client: the results, in upstream order. */
export interface Feed {
  readonly ended: boolean;
  event(event: UpstreamEvent, result: Settling<ExecutionResult>): void;
  /** The errors as the last result, then the end. */
  fail(errors: readonly GraphQLError[]): void;
  end(): void;
  /** The next result to yield; a feed that writes its results itself only ends. */
  next(): Promise<IteratorResult<ExecutionResult>>;
  /** Drops what waits; `next()` then ends. */
  close(): Promise<void>;
}

/** Results yielded to the reader, who pulls them one at a time (the HTTP event stream). */
export function pulledFeed(backlog: Backlog | undefined, traced: TracedSubscription): Feed {
  const queue = createEventQueue<Item>({ backlog });
  const items = queue[Symbol.asyncIterator]();
  return {
    get ended() {
      return queue.ended;
    },
    event: (event, result) => queue.push({ kind: 'event', event, result }, sizeOf(event)),
    fail: (errors) => (queue.push({ kind: 'failure', errors }, 0), queue.end()),
    end: () => queue.end(),
    async next() {
      const item = await items.next();
      if (item.done) return DONE;
      if (item.value.kind === 'failure') return { done: false, value: { errors: [...item.value.errors] } };
      const dequeued = Date.now();
      const value = await item.value.result.promise;
      traceDelivery(traced, item.value.event, dequeued);
      return { done: false, value };
    },
    async close() {
      queue.end();
      await items.return?.();
    },
  };
}

/**
 * Results written by the subscription itself, each as soon as it and those before it are known
 * (the WebSocket path): a shared completion reaches its many subscribers without a chain of
 * promises per subscriber. `next()` only ends: when the feed has, or at a completion that failed.
 */
export function writtenFeed(
  write: (result: ExecutionResult) => void,
  backlog: Backlog | undefined,
  traced: TracedSubscription,
): Feed {
  let ended!: (failure?: { readonly error: unknown }) => void;
  const finished = new Promise<void>((resolve, reject) => {
    ended = (failure) => (failure ? reject(failure.error) : resolve());
  });
  // until `next()` is called a failure must not count as unhandled
  finished.catch(() => undefined);
  const writer = createOrderedWriter<ExecutionResult, UpstreamEvent | undefined>({
    write: (result, event) => {
      write(result);
      if (event && traced.tracer) traceDelivery(traced, event, Date.now());
    },
    onEnd: ended,
    backlog,
  });
  return {
    get ended() {
      return writer.ended;
    },
    event: (event, result) => writer.push(result, event, sizeOf(event)),
    fail: (errors) => (writer.push(settled({ errors: [...errors] }), undefined, 0), writer.end()),
    end: () => writer.end(),
    next: () => finished.then(() => DONE),
    async close() {
      writer.stop();
      ended();
    },
  };
}
