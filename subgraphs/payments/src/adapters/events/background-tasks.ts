/**
 * Work a consumer leaves running after its handler returned (a late capture still to settle),
 * kept so that a stopping service can wait for it instead of cutting it off mid-transaction.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  /** Keeps `task` until it ends; a task reports its own failures, so one that throws is only dropped. */
  track(task: Promise<void>): void {
    const tracked = task.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(tracked);
    void tracked.then(() => this.running.delete(tracked));
  }

  /** Resolves once every task tracked so far has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
