/** A wait that ends early when woken; a wake-up that comes while nobody waits is kept for the next wait. */
export interface Waker {
  wait(ms: number): Promise<void>;
  wake(): void;
}

export function createWaker(): Waker {
  let pending = false;
  let endWait: (() => void) | undefined;
  return {
    wait(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          endWait = undefined;
          resolve();
        };
        const timer = setTimeout(done, ms);
        endWait = done;
      });
    },
    wake() {
      if (endWait) endWait();
      else pending = true;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts (a stopping loop or relay does not sit out its backoff). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
