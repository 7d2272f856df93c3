/**
 * Runs the work it is given strictly one after another. Late captures are settled through one:
 * each holds a pooled connection while its refund takes another, so many of them at once could
 * take every connection of the pool and wait for each other forever.
 */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
