/** Where a queue reports the bytes it holds, so one budget can cover a whole connection. */
export interface Backlog {
  add(bytes: number): void;
  remove(bytes: number): void;
}

/** Options of {@link createEventQueue}. */
export interface EventQueueOptions {
  /** Told of every byte queued and released. Default: nobody. */
  readonly backlog?: Backlog | undefined;
}

/** A single-consumer async queue: the producer never waits, the consumer pulls in order. */
export interface EventQueue<T> extends AsyncIterable<T> {
  /** Queues an item of about `bytes` bytes; ignored once the queue has ended. */
  push(item: T, bytes: number): void;
  /** Ends the stream after the queued items; with an error, the consumer throws it instead. */
  end(error?: Error): void;
  readonly ended: boolean;
}

interface Entry<T> {
  readonly item: T;
  readonly bytes: number;
}

const NO_BACKLOG: Backlog = { add: () => undefined, remove: () => undefined };

/**
 * Decouples an upstream that cannot be slowed (one socket shared by many clients) from one
 * client's pace. The queue does not bound itself: its backlog does, by disconnecting the
 * client whose queues and socket buffer grow past its budget.
 */
export function createEventQueue<T>({ backlog = NO_BACKLOG }: EventQueueOptions = {}): EventQueue<T> {
  const entries: Entry<T>[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: Error | undefined;

  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const drain = () => {
    for (const { bytes } of entries.splice(0)) backlog.remove(bytes);
  };

  async function* iterate(): AsyncGenerator<T> {
    try {
      for (;;) {
        const next = entries.shift();
        if (next) {
          backlog.remove(next.bytes);
          yield next.item;
        } else if (failure) throw failure;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      ended = true;
      drain();
    }
  }

  return {
    push(item, bytes) {
      if (ended) return;
      entries.push({ item, bytes });
      backlog.add(bytes);
      notify();
    },
    end(error) {
      if (ended) return;
      ended = true;
      failure = error;
      notify();
    },
    get ended() {
      return ended;
    },
    [Symbol.asyncIterator]: iterate,
  };
}
