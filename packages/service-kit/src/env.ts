import { z } from 'zod';

/**
 * Parses `env` against `schema`, or throws one readable message naming every bad variable
 * (`names` maps a schema key to the variable it was read from, when they differ).
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
  names: Readonly<Record<string, string>> = {},
): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const variable = (key: string) => names[key] ?? key;
  const problems = result.error.issues.map(
    (issue) => `  ${variable(issue.path.join('.')) || '(env)'}: ${issue.message}`,
  );
  throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
}

export const nodeEnv = z.enum(['development', 'production', 'test']).default('development');
/** `NODE_ENV`, as every service reads it. */
export type Environment = z.output<typeof nodeEnv>;
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);
export const host = z.string().min(1).default('127.0.0.1');
export const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
  .describe('PostgreSQL connection URL');

/** An optional secret variable: at least 32 characters when it is set. */
export const optionalSecret = z.string().min(32, 'must be at least 32 characters').optional();

/**
 * A secret with a development default. In production the variable must be set (the
 * process refuses to boot); elsewhere the default is used and `warning` says so.
 */
export function resolveSecret(
  name: string,
  value: string | undefined,
  environment: Environment,
): { value: string; warning?: string } {
  if (value !== undefined) return { value };
  if (environment === 'production') throw new Error(`Invalid configuration:\n  ${name}: must be set in production`);
  return {
    value: `development-only-${name.toLowerCase()}-never-in-production`,
    warning: `${name} is not set: using a development default that must never reach production`,
  };
}
