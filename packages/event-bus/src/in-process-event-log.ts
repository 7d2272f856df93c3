/** A published event as the in-process bus keeps it: encoded, as a broker would store it. */
export interface LoggedEvent {
  /** Position in the log, from 0; never reused. */
  readonly seq: number;
  readonly type: string;
  readonly subject: string;
  readonly data: Uint8Array;
}

/**
 * The in-process bus's stream: an append-only list with a retention limit, so a consumer
 * that is behind, or not subscribed yet, still finds what was published.
 */
export class InProcessEventLog {
  readonly #retain: number;
  #entries: LoggedEvent[] = [];
  #nextSeq = 0;

  constructor(retain: number) {
    this.#retain = retain;
  }

  append(event: Omit<LoggedEvent, 'seq'>): void {
    this.#entries.push({ ...event, seq: this.#nextSeq++ });
    // like a stream's limit: the oldest go first, and a consumer behind them skips ahead
    if (this.#entries.length > this.#retain) this.#entries.shift();
  }

  /** The first event at or after `seq` whose type is one of `types`. */
  next(seq: number, types: readonly string[]): LoggedEvent | undefined {
    const first = this.#entries[0]?.seq ?? this.#nextSeq;
    for (let index = Math.max(seq - first, 0); index < this.#entries.length; index++) {
      const entry = this.#entries[index];
      if (entry && types.includes(entry.type)) return entry;
    }
    return undefined;
  }
}
