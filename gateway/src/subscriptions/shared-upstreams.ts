import type { UpstreamSink } from './upstream-subscription';

/** Upstream subscriptions shared by the client subscriptions that would ask for the same events. */
export interface SharedUpstreams {
  /**
   * Gives `sink` the events of the upstream subscription `key`, which `start` opens for the
   * first subscriber and whose returned function closes it when the last one leaves. Returns
   * how this subscriber leaves.
   */
  join(key: string, start: (sink: UpstreamSink) => () => void, sink: UpstreamSink): () => void;
  /** Upstream subscriptions running. */
  held(): number;
}

interface Shared {
  readonly sinks: Set<UpstreamSink>;
  stop: () => void;
}

/**
 * Clients with the same identity, operation and variables (a customer's tabs and devices) share
 * one upstream subscription: the subgraph resolves and sends each event once, not once per
 * client. A subscriber joining a running one receives the events from then on, as it would
 * from a subscription of its own.
 */
export function createSharedUpstreams(): SharedUpstreams {
  const running = new Map<string, Shared>();
  const endAll = (key: string, shared: Shared, end: (sink: UpstreamSink) => void) => {
    if (running.get(key) === shared) running.delete(key);
    for (const sink of [...shared.sinks]) end(sink);
  };
  return {
    join(key, start, sink) {
      let shared = running.get(key);
      if (!shared) {
        const created: Shared = { sinks: new Set([sink]), stop: () => undefined };
        running.set(key, created);
        created.stop = start({
          next: (event) => created.sinks.forEach((each) => each.next(event)),
          fail: (errors) => endAll(key, created, (each) => each.fail(errors)),
          complete: () => endAll(key, created, (each) => each.complete()),
        });
        shared = created;
      }
      const joined = shared;
      joined.sinks.add(sink);
      return () => {
        if (!joined.sinks.delete(sink) || joined.sinks.size > 0) return;
        if (running.get(key) === joined) running.delete(key);
        joined.stop();
      };
    },
    held: () => running.size,
  };
}
