import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ANONYMOUS } from './identity';
import type { Identity, Role } from './identity';

/** Headers the gateway adds to every subgraph request. */
export const SIGNATURE_HEADERS = {
  identity: 'x-shopgraph-identity',
  timestamp: 'x-shopgraph-timestamp',
  signature: 'x-shopgraph-signature',
} as const;

/** How old a signed request may be before it is refused as a replay. */
export const MAX_SIGNATURE_AGE_MS = 60_000;

const digest = (body: string): string => createHash('sha256').update(body).digest('hex');

function mac(secret: string, parts: readonly string[]): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest('base64url');
}

/** The identity header's value: the claims a subgraph may trust once the signature checks out. */
export function encodeIdentity(identity: Identity): string {
  const claims = identity.kind === 'user' ? { sub: identity.userId, role: identity.role } : {};
  return Buffer.from(JSON.stringify(claims)).toString('base64url');
}

function decodeIdentity(encoded: string): Identity | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { sub, role } = claims as { sub?: unknown; role?: unknown };
    if (sub === undefined && role === undefined) return ANONYMOUS;
    if (typeof sub !== 'string' || (role !== 'CUSTOMER' && role !== 'ADMIN')) return undefined;
    return { kind: 'user', userId: sub, role: role as Role };
  } catch {
    return undefined;
  }
}

export interface SignInput {
  readonly secret: string;
  /** The value of the identity header, from {@link encodeIdentity}. */
  readonly encodedIdentity: string;
  /** The exact body bytes that will be sent. */
  readonly body: string;
  readonly now?: number;
}

/**
 * Signs a gateway → subgraph request over its body, the caller's identity and the time,
 * so a subgraph can trust the identity and refuse tampered or replayed requests.
 */
export function signRequest({ secret, encodedIdentity, body, now = Date.now() }: SignInput): Record<string, string> {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.identity]: encodedIdentity,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.signature]: mac(secret, [timestamp, encodedIdentity, digest(body)]),
  };
}

export interface VerifyInput {
  readonly secret: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  readonly now?: number;
}

export type Verification = { ok: true; identity: Identity } | { ok: false; reason: string };

const header = (headers: VerifyInput['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
};

/** Checks a request's signature; only a valid one yields an identity. */
export function verifyRequest({ secret, headers, body, now = Date.now() }: VerifyInput): Verification {
  const encoded = header(headers, SIGNATURE_HEADERS.identity);
  const timestamp = header(headers, SIGNATURE_HEADERS.timestamp);
  const signature = header(headers, SIGNATURE_HEADERS.signature);
  if (encoded === undefined || timestamp === undefined || signature === undefined) {
    return { ok: false, reason: 'unsigned request' };
  }
  if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > MAX_SIGNATURE_AGE_MS) {
    return { ok: false, reason: 'stale or malformed timestamp' };
  }
  const expected = Buffer.from(mac(secret, [timestamp, encoded, digest(body)]));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad signature' };
  }
  const identity = decodeIdentity(encoded);
  return identity ? { ok: true, identity } : { ok: false, reason: 'malformed identity' };
}
