import {
  DEFAULT_JWT_KID,
  JWT_KID_PATTERN,
  JWT_KID_RULE,
  JWT_SECRET_MIN_LENGTH,
} from '@shopgraph/service-kit/jwt-contract';
import type { JwtKey, JwtKeys } from '@shopgraph/service-kit/jwt-contract';

/** Input of {@link parseJwtKeys}: the raw variables, after the secret's development default. */
export interface JwtKeyVariables {
  /** `JWT_SECRET`: the current key's secret. */
  readonly secret: string;
  /** `JWT_KID`: the current key's ID. Default `k1`. */
  readonly kid?: string | undefined;
  /** `JWT_PREVIOUS_KEYS`: `kid:secret` pairs, comma-separated, still accepted. Default none. */
  readonly previous?: string | undefined;
}

// messages never repeat a secret, nor a malformed entry that could be one
function previousKey(entry: string, position: number): { key?: JwtKey; problem?: string } {
  const colon = entry.indexOf(':');
  const kid = entry.slice(0, colon).trim();
  const secret = entry.slice(colon + 1).trim();
  if (colon < 0 || kid === '' || secret === '') return { problem: `entry ${position} is not "kid:secret"` };
  if (!JWT_KID_PATTERN.test(kid)) return { problem: `the key ID of entry ${position} ${JWT_KID_RULE}` };
  if (secret.length < JWT_SECRET_MIN_LENGTH) {
    return { problem: `the secret of key "${kid}" must be at least ${JWT_SECRET_MIN_LENGTH} characters` };
  }
  return { key: { kid, secret } };
}

function duplicateKids(keys: readonly JwtKey[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { kid } of keys) (seen.has(kid) ? duplicates : seen).add(kid);
  return [...duplicates];
}

/**
 * The gateway's key set: `JWT_SECRET` under `JWT_KID` first, then the previous keys a
 * rotation still accepts. Throws one readable message naming every bad variable, in the
 * format of `parseEnv`, so a bad value stops the boot like any other.
 */
export function parseJwtKeys({ secret, kid = DEFAULT_JWT_KID, previous = '' }: JwtKeyVariables): JwtKeys {
  const problems: string[] = [];
  if (!JWT_KID_PATTERN.test(kid)) problems.push(`  JWT_KID: ${JWT_KID_RULE}`);
  if (secret.length < JWT_SECRET_MIN_LENGTH) {
    problems.push(`  JWT_SECRET: must be at least ${JWT_SECRET_MIN_LENGTH} characters`);
  }
  const entries = previous
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const parsed = entries.map((entry, index) => previousKey(entry, index + 1));
  for (const { problem } of parsed) if (problem) problems.push(`  JWT_PREVIOUS_KEYS: ${problem}`);
  const keys: JwtKeys = [{ kid, secret }, ...parsed.flatMap(({ key }) => (key ? [key] : []))];
  for (const duplicate of duplicateKids(keys)) {
    problems.push(`  JWT_PREVIOUS_KEYS: key ID "${duplicate}" is used twice (JWT_KID included)`);
  }
  if (problems.length > 0) throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  return keys;
}
