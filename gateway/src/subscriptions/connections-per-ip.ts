/** Most WebSocket connections one client IP may hold open at once (WS_MAX_CONNECTIONS_PER_IP). */
export const DEFAULT_MAX_CONNECTIONS_PER_IP = 50;

/** Open connections counted per client IP, up to a maximum. */
export interface ConnectionsPerIp {
  /** Counts one more connection for `ip` and returns true, or returns false at the maximum. */
  acquire(ip: string): boolean;
  /** Counts one connection of `ip` fewer: call it exactly once per successful acquire. */
  release(ip: string): void;
  /** Connections counted for `ip` (0 when none). */
  count(ip: string): number;
}

/**
 * Per-IP connection counts: one address may not pile up sockets (each costs memory, a ping
 * timer and a file descriptor) however slowly it opens them, which a rate limit alone allows.
 * Only addresses holding a connection are kept, so memory follows the open sockets.
 */
export function createConnectionsPerIp(max: number): ConnectionsPerIp {
  const counts = new Map<string, number>();
  const count = (ip: string) => counts.get(ip) ?? 0;
  return {
    acquire(ip) {
      if (count(ip) >= max) return false;
      counts.set(ip, count(ip) + 1);
      return true;
    },
    release(ip) {
      const left = count(ip) - 1;
      if (left > 0) counts.set(ip, left);
      else counts.delete(ip);
    },
    count,
  };
}
