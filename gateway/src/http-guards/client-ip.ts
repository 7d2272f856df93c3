import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** What {@link clientIp} reads of a request; a Node `IncomingMessage` fits. */
export interface AddressedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/** Options of {@link clientIp}. */
export interface ClientIpOptions {
  /**
   * How many proxies in front of the gateway append to `X-Forwarded-For` (`TRUST_PROXY`).
   * 0 ignores the header, which any caller can forge. With n, the address n places from
   * the right is used: the one the outermost trusted proxy saw. The leftmost address is
   * never trusted, as a proxy that appends keeps whatever the caller wrote there. Default 0.
   */
  readonly trustedProxies?: number;
}

/** Stands for a socket already closed, whose address Node no longer knows. */
const UNKNOWN_ADDRESS = 'unknown';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** One spelling per address: `::ffff:1.2.3.4` is `1.2.3.4`, and IPv6 is lower case. */
export function normalizeIp(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address.toLowerCase();
}

function forwardedFor(headers: IncomingHttpHeaders): string[] {
  // Node already joins repeated X-Forwarded-For headers with ", "; a plain object may not
  const header = headers['x-forwarded-for'] ?? '';
  return (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
}

/**
 * The caller's IP address: the socket's peer, or with trusted proxies the address they
 * forwarded. A forwarded value that is not an IP address falls back to the socket's peer
 * (the proxy), so a misconfigured proxy shows up as one busy caller rather than letting
 * arbitrary strings become rate-limit keys.
 */
export function clientIp(req: AddressedRequest, { trustedProxies = 0 }: ClientIpOptions = {}): string {
  const peer = normalizeIp(req.socket.remoteAddress ?? UNKNOWN_ADDRESS);
  if (trustedProxies < 1) return peer;
  const hops = forwardedFor(req.headers);
  const forwarded = hops[Math.max(0, hops.length - trustedProxies)];
  return forwarded !== undefined && isIP(forwarded) !== 0 ? normalizeIp(forwarded) : peer;
}
