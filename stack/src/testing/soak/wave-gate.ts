/** Releases waves of work in order: `reached(k)` resolves once `open(k)` (or a later wave) was called. */
export class WaveGate {
  private opened = 0;
  private readonly waiting: { readonly wave: number; readonly resolve: () => void }[] = [];

  open(wave: number): void {
    this.opened = Math.max(this.opened, wave);
    for (const waiter of this.waiting.filter((entry) => entry.wave <= this.opened)) {
      this.waiting.splice(this.waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Opens every wave: the chaos is over, the rest of the load goes at once. */
  openAll(): void {
    this.open(Number.MAX_SAFE_INTEGER);
  }

  reached(wave: number): Promise<void> {
    if (wave <= this.opened) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ wave, resolve }));
  }
}
