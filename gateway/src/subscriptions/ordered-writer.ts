import type { Backlog } from './event-queue';

/** How a promise ended, once it has. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** A promise whose outcome can be read without waiting, once it is known. */
export interface Settling<T> {
  readonly promise: Promise<T>;
  readonly outcome: Outcome<T> | undefined;
}

/** Tracks `promise`; a rejection counts as handled (its reader sees it in `outcome`). */
export function settling<T>(promise: Promise<T>): Settling<T> {
  const tracked: { promise: Promise<T>; outcome: Outcome<T> | undefined } = { promise, outcome: undefined };
  promise.then(
    (value) => void (tracked.outcome = { ok: true, value }),
    (error: unknown) => void (tracked.outcome = { ok: false, error }),
  );
  return tracked;
}

/** An outcome known from the start. */
export const settled = <T>(value: T): Settling<T> => ({
  promise: Promise.resolve(value),
  outcome: { ok: true, value },
});

/** Options of {@link createOrderedWriter}. */
export interface OrderedWriterOptions<T, M> {
  /** Called with each value, in the order pushed, as soon as it and all before it are known. */
  readonly write: (value: T, meta: M) => void;
  /** Called once: after the last value when ended, or at the first rejection with its outcome. */
  readonly onEnd: (failure?: Outcome<T> & { readonly ok: false }) => void;
  /** Told of every byte waiting and released. Default: nobody. */
  readonly backlog?: Backlog | undefined;
}

/** Writes pending values in order; the push-mode counterpart of an event queue and its reader. */
export interface OrderedWriter<T, M> {
  /** Queues a value of about `bytes` bytes; ignored once ended. */
  push(value: Settling<T>, meta: M, bytes: number): void;
  /** Ends after the values already pushed have been written. */
  end(): void;
  /** Ends now: what waits is dropped and `onEnd` is not called. */
  stop(): void;
  readonly ended: boolean;
}

interface Entry<T, M> {
  readonly value: Settling<T>;
  readonly meta: M;
  readonly bytes: number;
}

const NO_BACKLOG: Backlog = { add: () => undefined, remove: () => undefined };

/**
 * Writes each value the moment it and every value before it are known: a value that completes
 * early waits for the ones ahead of it, and a known one is written in the same turn it is
 * pushed. Nothing is awaited per value unless it is still running, so one shared result fans
 * out to many subscribers without a promise chain per subscriber.
 */
export function createOrderedWriter<T, M>(options: OrderedWriterOptions<T, M>): OrderedWriter<T, M> {
  const { write, onEnd, backlog = NO_BACKLOG } = options;
  const entries: Entry<T, M>[] = [];
  let ending = false; // no more values: end once the queued ones are written
  let stopped = false; // finished: nothing more is written or reported
  let writing = false; // inside drain(): a push or a settling value there does not re-enter
  let awaited: Settling<T> | undefined; // the head value a wake-up is attached to

  const release = () => {
    stopped = true;
    for (const entry of entries.splice(0)) backlog.remove(entry.bytes);
  };
  const finish = (failure?: Outcome<T> & { readonly ok: false }) => {
    release();
    onEnd(failure);
  };
  const drain = () => {
    if (writing || stopped) return;
    writing = true;
    try {
      while (!stopped && entries.length > 0) {
        const head = entries[0] as Entry<T, M>;
        const outcome = head.value.outcome;
        if (!outcome) {
          if (awaited !== head.value) {
            awaited = head.value;
            head.value.promise.then(drain, drain);
          }
          return;
        }
        entries.shift();
        backlog.remove(head.bytes);
        if (!outcome.ok) return finish(outcome);
        write(outcome.value, head.meta);
      }
      if (!stopped && ending) finish();
    } finally {
      writing = false;
    }
  };

  return {
    push(value, meta, bytes) {
      if (ending || stopped) return;
      // nothing ahead and already known (a shared result, to its many subscribers): written now,
      // without an entry or the backlog's add and remove around it
      const known = value.outcome;
      if (known?.ok && entries.length === 0 && !writing) return write(known.value, meta);
      entries.push({ value, meta, bytes });
      backlog.add(bytes);
      drain();
    },
    end() {
      if (ending || stopped) return;
      ending = true;
      drain();
    },
    stop() {
      if (stopped) return;
      ending = true;
      release();
    },
    get ended() {
      return ending || stopped;
    },
  };
}
