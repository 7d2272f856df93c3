import type { WebSocket } from 'ws';

/** The part of a `ws` socket a heartbeat uses. */
export type HeartbeatSocket = Pick<WebSocket, 'ping' | 'terminate' | 'on' | 'off'>;

/** Options of {@link startHeartbeat}. */
export interface HeartbeatOptions {
  /** ms between pings (SUBSCRIPTION_KEEP_ALIVE_MS). */
  readonly intervalMs: number;
  /** Intervals a client that is being sent frames has to answer a ping. Default 3. */
  readonly busyIntervals?: number;
}

export interface Heartbeat {
  /** Told each time a frame is sent to the client. */
  sent(): void;
  stop(): void;
}

/**
 * Pings a WebSocket client every `intervalMs` and cuts it (`terminate`, the client sees 1006)
 * when it stops answering. A quiet client has one interval to answer, as with graphql-ws's own
 * keep-alive. A client that the gateway is sending frames to has `busyIntervals`: its pong comes
 * after the frames ahead of the ping have been read, and, when the gateway is the one behind,
 * after the gateway reads it. At 10,000 subscribers graphql-ws's keep-alive cut 205-726 live
 * clients whose pongs were late that way (decision 0059). A dead client that is being sent
 * frames is cut after `busyIntervals`, or earlier by its send budget (4429).
 */
export function startHeartbeat(socket: HeartbeatSocket, options: HeartbeatOptions): Heartbeat {
  const { intervalMs, busyIntervals = 3 } = options;
  let awaiting = false; // a ping is out and unanswered
  let missed = 0; // intervals it has been out
  let sentLately = false; // a frame went out since the last tick
  let busy = false; // frames went out around the unanswered ping
  const answered = () => {
    awaiting = false;
  };
  const tick = () => {
    const wasSending = sentLately;
    sentLately = false;
    if (!awaiting) {
      awaiting = true;
      missed = 0;
      busy = wasSending;
      return socket.ping();
    }
    busy ||= wasSending;
    missed += 1;
    if (missed >= (busy ? busyIntervals : 1)) {
      stop();
      socket.terminate();
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref(); // never what keeps a stopping gateway alive
  socket.on('pong', answered);
  function stop() {
    clearInterval(timer);
    socket.off('pong', answered);
  }
  return {
    sent: () => void (sentLately = true),
    stop,
  };
}
