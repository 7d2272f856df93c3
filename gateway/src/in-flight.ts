/**
 * Joins calls made while an identical one is still running: `run(key, work)` starts `work`
 * only when no call of that `key` is in flight, and otherwise answers with the running one's
 * result (or error). Nothing is kept once a call settles: this is not a cache.
 */
export function inFlight<T>(): (key: string, work: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, work) => {
    const joined = running.get(key);
    if (joined !== undefined) return joined;
    const started = work().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
