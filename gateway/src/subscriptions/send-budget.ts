import type { Backlog } from './event-queue';

/** Options of {@link createSendBudget}. */
export interface SendBudgetOptions {
  /** Most bytes one client may have waiting: queued events plus the socket's send buffer. */
  readonly maxBytes: number;
  /** The socket's unsent bytes (`ws`'s `bufferedAmount`). */
  readonly bufferedAmount: () => number;
  /** Called once, when the budget is first exceeded. */
  readonly onExceeded: () => void;
}

export interface SendBudget extends Backlog {
  /** Checks the socket's buffer alone, before a message is sent. */
  check(): void;
  /** Highest total seen, for tests and metrics. */
  readonly peakBytes: number;
}

/**
 * What a slow reader may cost the gateway: one connection's events waiting to be sent,
 * wherever they wait. The upstream cannot be slowed for one client (its socket is shared),
 * so past the budget the client is let go rather than buffered for.
 */
export function createSendBudget({ maxBytes, bufferedAmount, onExceeded }: SendBudgetOptions): SendBudget {
  let queued = 0;
  let peak = 0;
  let exceeded = false;
  const check = () => {
    const total = queued + bufferedAmount();
    peak = Math.max(peak, total);
    if (exceeded || total <= maxBytes) return;
    exceeded = true;
    onExceeded();
  };
  return {
    add(bytes) {
      queued += bytes;
      check();
    },
    remove(bytes) {
      queued = Math.max(0, queued - bytes);
    },
    check,
    get peakBytes() {
      return peak;
    },
  };
}
