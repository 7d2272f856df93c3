/** One order event as the test subgraph stores it. */
export interface TestEvent {
  readonly id: string;
  readonly type: string;
  readonly orderId: string;
  readonly productIds: readonly string[];
  /** Padding, so a test can make events as large as it needs. */
  readonly note: string;
}

/** An append-only event log with `after` replay, standing in for the orders event table. */
export function createEventLog() {
  const events: TestEvent[] = [];
  const waiting = new Set<() => void>();

  async function* follow({
    orderId,
    after,
  }: {
    /** Every order's events when absent. */
    orderId?: string;
    after: string | undefined;
  }): AsyncGenerator<TestEvent> {
    let cursor = after === undefined ? events.length : events.findIndex((event) => event.id === after) + 1;
    for (;;) {
      while (cursor < events.length) {
        const event = events[cursor++];
        if (event && (orderId === undefined || event.orderId === orderId)) yield event;
      }
      await new Promise<void>((resolve) => waiting.add(resolve));
    }
  }

  return {
    append(event: Omit<TestEvent, 'id'>): string {
      const id = `e${events.length + 1}`;
      events.push({ ...event, id });
      const woken = [...waiting];
      waiting.clear();
      woken.forEach((resolve) => resolve());
      return id;
    },
    follow,
  };
}
