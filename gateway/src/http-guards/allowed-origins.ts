import type { AllowedOrigins } from './cors';
import type { Environment } from '@shopgraph/service-kit/env';

/** Input of {@link parseAllowedOrigins}. */
export interface AllowedOriginsVariables {
  /** `CORS_ORIGINS`: `*`, or comma-separated origins such as `https://shop.example`. */
  readonly value: string | undefined;
  readonly environment: Environment;
}

function origin(entry: string): string | undefined {
  try {
    const url = new URL(entry);
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
    return bare && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser origins the gateway answers (`CORS_ORIGINS`), also used for WebSocket
 * Origin checks. Unset means any origin outside production (Sandbox, local front ends)
 * and none in production, so a deployment opens exactly what it lists. Throws a
 * readable message, in the format of `parseEnv`, for an entry that is not an origin.
 */
export function parseAllowedOrigins({ value, environment }: AllowedOriginsVariables): AllowedOrigins {
  if (value === undefined || value.trim() === '') return environment === 'production' ? [] : 'any';
  if (value.trim() === '*') return 'any';
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => origin(entry) === undefined);
  if (bad.length > 0) {
    const list = bad.map((entry) => `"${entry}"`).join(', ');
    throw new Error(`Invalid configuration:\n  CORS_ORIGINS: ${list} is not an origin like https://shop.example`);
  }
  return [...new Set(entries.map((entry) => origin(entry) ?? entry))];
}
