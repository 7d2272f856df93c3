/**
 * The highest sequence below which every event is done, while later ones finish in any order.
 * Sequences are added in increasing order; the position is what a consumer may store.
 */
export class PositionTracker {
  #position: number;
  readonly #open: number[] = [];
  readonly #done = new Set<number>();

  constructor(position: number) {
    this.#position = position;
  }

  get position(): number {
    return this.#position;
  }

  /** An event taken in hand; nothing at or above it counts as done until it is. */
  add(seq: number): void {
    this.#open.push(seq);
  }

  /** Marks `seq` done; returns whether the position moved. */
  done(seq: number): boolean {
    this.#done.add(seq);
    let moved = false;
    for (let first = this.#open[0]; first !== undefined && this.#done.has(first); first = this.#open[0]) {
      this.#open.shift();
      this.#done.delete(first);
      this.#position = first;
      moved = true;
    }
    return moved;
  }
}
