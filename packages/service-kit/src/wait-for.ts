export interface WaitForOptions {
  /** Named in the error, so a timeout says what never happened. */
  readonly what?: string;
  /**
   * Default 60 seconds: a bound against hanging, never the thing a test measures. Generous,
   * because a 2-core machine loaded by other work runs everything many times slower.
   */
  readonly timeout?: number;
  /** Default 10 milliseconds. */
  readonly interval?: number;
}

/** Polls until `condition` holds: wait for an outcome instead of sleeping a guessed time. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: WaitForOptions = {},
): Promise<void> {
  const {
    what = 'condition',
    timeout = 60_000, // 60 seconds
    interval = 10,
  } = options;
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
