/** Options of {@link createLanes}. */
export interface LanesOptions<Item> {
  /** Lanes (aggregates) handled at the same time. Default 16. */
  readonly concurrency?: number;
  /** Items accepted but not finished before `push` waits (bounded read-ahead). Default 256. */
  readonly readAhead?: number;
  /** Handles one item; its lane waits for it, the other lanes do not. Must not throw. */
  readonly handle: (item: Item) => Promise<void>;
}

/** Per-key ordered, cross-key concurrent work: the dispatcher both bus adapters share. */
export interface Lanes<Item> {
  /** Queues `item` behind the earlier items of `key`; waits while the read-ahead is full. */
  push(key: string, item: Item): Promise<void>;
  /** Stops starting queued items; resolves once the items in hand are done. Returns the items never started. */
  stop(): Promise<Item[]>;
  /** Resolves when every accepted item is done (or, once stopped, every started one). */
  idle(): Promise<void>;
  /** Items accepted and not yet done. */
  readonly pending: number;
}

/**
 * Items of one key run one after another in push order; items of different keys run
 * concurrently, at most `concurrency` at a time. Nothing here knows about a transport, so
 * the Postgres and the NATS adapters order and bound delivery the same way.
 */
export function createLanes<Item>(options: LanesOptions<Item>): Lanes<Item> {
  const { concurrency = 16, readAhead = 256, handle } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be at least 1.');
  const queues = new Map<string, Item[]>();
  // keys with items waiting for a free slot, in the order they became ready
  const ready: string[] = [];
  let running = 0;
  let pending = 0;
  let stopped = false;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((resolve) => resolve());
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));

  async function runLane(key: string): Promise<void> {
    const queue = queues.get(key) ?? [];
    while (!stopped && queue.length > 0) {
      const item = queue.shift() as Item;
      await handle(item);
      pending -= 1;
      notify();
    }
    // a stopped lane keeps what it never started, for stop() to hand back
    if (queue.length === 0) queues.delete(key);
    running -= 1;
    startReady();
    notify();
  }

  function startReady(): void {
    while (!stopped && running < concurrency && ready.length > 0) {
      const key = ready.shift();
      if (key === undefined) return;
      running += 1;
      void runLane(key);
    }
  }

  return {
    async push(key, item) {
      while (pending >= readAhead && !stopped) await changed();
      if (stopped) throw new Error('The lanes are stopped.');
      pending += 1;
      const queue = queues.get(key);
      if (queue) return void queue.push(item);
      queues.set(key, [item]);
      ready.push(key);
      startReady();
    },
    async stop() {
      stopped = true;
      notify();
      while (running > 0) await changed();
      const never = [...queues.values()].flat();
      queues.clear();
      ready.length = 0;
      pending = 0;
      return never;
    },
    async idle() {
      while (stopped ? running > 0 : pending > 0) await changed();
    },
    get pending() {
      return pending;
    },
  };
}
