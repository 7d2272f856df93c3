import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jwtVerify } from 'jose';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, secretKey } from '@shopgraph/service-kit/jwt-contract';
import { SIGNATURE_HEADERS, encodeIdentity, signRequest } from '@shopgraph/service-kit/request-signature';

// What both comparison gateways (stock Apollo, Hive) share: the committed supergraph routed to the
// bench's subgraphs, the subgraphs' signing, and a per-request JWT check as a plain gateway does it.
const supergraphPath = fileURLToPath(new URL('../../../supergraph.graphql', import.meta.url));
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

/** The supergraph with each `@join__graph(name: "x", url: …)` pointing at `X_URL`. */
export function routedSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8').replaceAll(
    /@join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g,
    (_, name: string) => `@join__graph(name: "${name}", url: "${env(`${name.toUpperCase()}_URL`)}")`,
  );
}

const jwtKey = secretKey(env('JWT_SECRET'));

/** The caller of an `Authorization` header, verified on every request (no cache), anonymous without one. */
export async function identityOf(authorization: string | null | undefined): Promise<Identity> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  if (token === undefined) return ANONYMOUS;
  const { payload } = await jwtVerify(token, jwtKey, { issuer: DEFAULT_JWT_ISSUER, audience: DEFAULT_JWT_AUDIENCE });
  const { sub, role } = payload;
  if (typeof sub !== 'string' || (role !== 'CUSTOMER' && role !== 'ADMIN')) throw new Error('invalid token');
  return { kind: 'user', userId: sub, role };
}

/** The signature headers the subgraph named by `url`'s host expects, for `identity` over `body`. */
export function signatureFor(request: { url: string; identity: Identity; body: string }): Record<string, string> {
  const { url, identity, body } = request;
  const { pathname, search } = new URL(url);
  const name = subgraphAt(url);
  return signRequest({
    secret: env(`${name.toUpperCase()}_SIGNING_SECRET`),
    encodedIdentity: encodeIdentity(identity),
    method: 'POST',
    target: `${pathname}${search}`,
    body,
  });
}

const byOrigin = new Map<string, string>();
function subgraphAt(url: string): string {
  if (byOrigin.size === 0) {
    for (const [key, value] of Object.entries(process.env)) {
      const name = /^([A-Z]+)_URL$/.exec(key)?.[1];
      if (name && value) byOrigin.set(new URL(value).origin, name.toLowerCase());
    }
  }
  const name = byOrigin.get(new URL(url).origin);
  if (name === undefined) throw new Error(`no subgraph at ${url}`);
  return name;
}

export { SIGNATURE_HEADERS };

/** Tells the bench, over the IPC channel it opened, where this gateway listens. */
export function announce(url: string): void {
  process.send?.({ type: 'listening', url });
  process.channel?.unref();
}
