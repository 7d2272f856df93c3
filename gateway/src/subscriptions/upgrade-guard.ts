import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { clientIp } from '../http-guards/client-ip';
import type { CorsPolicy } from '../http-guards/cors';
import { rateLimitRefusal } from '../http-guards/rate-limiter';
import type { RateLimiter } from '../http-guards/rate-limiter';

/** Options of {@link createUpgradeGuard}. */
export interface UpgradeGuardOptions {
  /** The gateway's CORS policy: its allowlist is the WebSocket Origin allowlist. */
  readonly cors: Pick<CorsPolicy, 'isOriginAllowed'>;
  /** The gateway's limiter: an upgrade costs one request of the caller's IP. */
  readonly limiter: Pick<RateLimiter, 'check'>;
  /** As TRUST_PROXY. Default 0. */
  readonly trustedProxies?: number;
}

/** Why an upgrade is refused, as the HTTP answer it gets instead of a WebSocket. */
export interface UpgradeRefusal {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export type UpgradeGuard = (request: IncomingMessage) => UpgradeRefusal | undefined;

/**
 * Checks an upgrade before any WebSocket exists: a browser page from another origin could
 * otherwise open a socket with the visitor's network position (CSWSH), and a flood of
 * upgrades must cost the same as a flood of requests.
 */
export function createUpgradeGuard({ cors, limiter, trustedProxies = 0 }: UpgradeGuardOptions): UpgradeGuard {
  return (request) => {
    if (!cors.isOriginAllowed(request.headers.origin)) return { status: 403 };
    const decision = limiter.check({ ip: clientIp(request, { trustedProxies }) });
    if (decision.allowed) return undefined;
    const { status, headers } = rateLimitRefusal(decision.retryAfterSeconds);
    return { status, headers };
  };
}

/** Answers an upgrade with a plain HTTP status and drops the connection. */
export function refuseUpgrade(socket: Duplex, { status, headers = {} }: UpgradeRefusal): void {
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'connection: close',
    'content-length: 0',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n`, () => socket.destroy());
}
