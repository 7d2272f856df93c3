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

/**
 * What a signature covers besides the time and the identity: the whole request as the
 * subgraph will act on it. Method and target are required, so no caller can sign a body
 * alone and leave a GET's query string (where its operation travels) unsigned.
 */
export interface SignedMaterial {
  /** The HTTP method, as sent (`POST`); graphql-ws messages use names of their own. */
  readonly method: string;
  /** The request target: path and query string exactly as sent (`/graphql?query=…`). */
  readonly target: string;
  /** The exact body bytes that will be sent (`''` for none). */
  readonly body: string;
}

export interface SignInput extends SignedMaterial {
  readonly secret: string;
  /** The value of the identity header, from {@link encodeIdentity}. */
  readonly encodedIdentity: string;
  readonly now?: number;
}

// one line per part: neither a method nor a target can hold a newline, so no two differ only in where parts split
const signedParts = (timestamp: string, encodedIdentity: string, { method, target, body }: SignedMaterial) => [
  timestamp,
  encodedIdentity,
  method.toUpperCase(),
  target,
  digest(body),
];

/**
 * Signs a gateway → subgraph request over its method, target, body, the caller's identity
 * and the time, so a subgraph can trust the identity and refuse tampered or replayed requests.
 */
export function signRequest(input: SignInput): Record<string, string> {
  const { secret, encodedIdentity, now = Date.now() } = input;
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.identity]: encodedIdentity,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.signature]: mac(secret, signedParts(timestamp, encodedIdentity, input)),
  };
}

export interface VerifyInput extends SignedMaterial {
  readonly secret: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly now?: number;
}

export type Verification = { ok: true; identity: Identity } | { ok: false; reason: string };

const header = (headers: VerifyInput['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
};

/** Checks a request's signature; only a valid one yields an identity. */
export function verifyRequest(input: VerifyInput): Verification {
  const { secret, headers, now = Date.now() } = input;
  const encoded = header(headers, SIGNATURE_HEADERS.identity);
  const timestamp = header(headers, SIGNATURE_HEADERS.timestamp);
  const signature = header(headers, SIGNATURE_HEADERS.signature);
  if (encoded === undefined || timestamp === undefined || signature === undefined) {
    return { ok: false, reason: 'unsigned request' };
  }
  if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > MAX_SIGNATURE_AGE_MS) {
    return { ok: false, reason: 'stale or malformed timestamp' };
  }
  if (/[\r\n]/.test(input.method + input.target)) return { ok: false, reason: 'malformed request target' };
  const expected = Buffer.from(mac(secret, signedParts(timestamp, encoded, input)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad signature' };
  }
  const identity = decodeIdentity(encoded);
  return identity ? { ok: true, identity } : { ok: false, reason: 'malformed identity' };
}
