import { z } from 'zod';
import { optionalSecret, parseEnv, resolveSecret } from '@shopgraph/service-kit/env';
import type { Environment } from '@shopgraph/service-kit/env';

/** The gateway's settings of one subgraph, read by its name (decision 0026). */
export interface SubgraphSettings {
  /** `<NAME>_URL`: overrides the routing URL composed into the supergraph. */
  readonly url?: string;
  /** `<NAME>_SIGNING_SECRET`, else SUBGRAPH_SIGNING_SECRET, else (never in production) a development default. */
  readonly signingSecret: string;
  /** Set when `signingSecret` is the development default: the variable that would set it. */
  readonly developmentSecret?: string;
  /** `<NAME>_TIMEOUT_MS`, else SUBGRAPH_TIMEOUT_MS. */
  readonly timeoutMs: number;
  /** `<NAME>_BREAKER_FAILURE_THRESHOLD` / `<NAME>_BREAKER_HALF_OPEN_AFTER_MS`, else the BREAKER_* defaults. */
  readonly breaker: BreakerSettings;
}

export interface BreakerSettings {
  readonly failureThreshold: number;
  readonly halfOpenAfterMs: number;
}

/** What a subgraph without variables of its own gets. */
export interface SubgraphDefaults {
  readonly environment: Environment;
  readonly signingSecret: string | undefined;
  readonly timeoutMs: number;
  readonly breaker: BreakerSettings;
}

/** The settings of any subgraph, by name; throws a readable message naming a bad variable. */
export type SubgraphSettingsLookup = (name: string) => SubgraphSettings;

export const timeoutMs = z.coerce.number().int().min(50).max(120_000);
export const failureThreshold = z.coerce.number().int().min(1).max(1_000);
export const halfOpenAfterMs = z.coerce.number().int().min(100).max(600_000);

const SETTINGS = {
  URL: z.string().url().optional(),
  SIGNING_SECRET: optionalSecret,
  TIMEOUT_MS: timeoutMs.optional(),
  BREAKER_FAILURE_THRESHOLD: failureThreshold.optional(),
  BREAKER_HALF_OPEN_AFTER_MS: halfOpenAfterMs.optional(),
};
const settingsSchema = z.object(SETTINGS);
const KEYS = Object.keys(SETTINGS) as (keyof typeof SETTINGS)[];

/**
 * The one naming rule: a subgraph's name upper-cased, every character that may not appear in
 * a variable name turned into `_` (`product-reviews` → `PRODUCT_REVIEWS`). The variables the gateway
 * read before any rule existed (`<NAME>_URL`, `<NAME>_SIGNING_SECRET`, …) are its own output.
 */
export const variablePrefix = (subgraph: string): string => subgraph.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/**
 * Settings by name for every subgraph a supergraph may name, known today or not: each read
 * and validated (zod) the first time that name is asked for, then kept.
 */
export function subgraphSettingsLookup(
  env: Readonly<Record<string, string | undefined>>,
  defaults: SubgraphDefaults,
): SubgraphSettingsLookup {
  const cache = new Map<string, SubgraphSettings>();
  const read = (name: string): SubgraphSettings => {
    const prefix = variablePrefix(name);
    const variable = (key: string) => `${prefix}_${key}`;
    const scoped = Object.fromEntries(KEYS.map((key) => [key, env[variable(key)]]));
    const raw = parseEnv(settingsSchema, scoped, Object.fromEntries(KEYS.map((key) => [key, variable(key)])));
    const secretVariable = variable('SIGNING_SECRET');
    const given = raw.SIGNING_SECRET ?? defaults.signingSecret;
    if (given === undefined && defaults.environment === 'production') {
      // never silently unsigned, never a development secret: the supergraph is refused
      throw new Error(
        `Invalid configuration:\n  ${secretVariable}: subgraph "${name}" has no signing secret; set ${secretVariable} or SUBGRAPH_SIGNING_SECRET (required in production)`,
      );
    }
    return {
      ...(raw.URL === undefined ? {} : { url: raw.URL }),
      // the same development default the subgraph's own service-kit config falls back to
      signingSecret: given ?? resolveSecret(secretVariable, undefined, defaults.environment).value,
      ...(given === undefined ? { developmentSecret: secretVariable } : {}),
      timeoutMs: raw.TIMEOUT_MS ?? defaults.timeoutMs,
      breaker: {
        failureThreshold: raw.BREAKER_FAILURE_THRESHOLD ?? defaults.breaker.failureThreshold,
        halfOpenAfterMs: raw.BREAKER_HALF_OPEN_AFTER_MS ?? defaults.breaker.halfOpenAfterMs,
      },
    };
  };
  return (name) => {
    const known = cache.get(name);
    if (known) return known;
    const settings = read(name);
    cache.set(name, settings);
    return settings;
  };
}
