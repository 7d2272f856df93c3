import { trace } from '@opentelemetry/api';
import { pino, stdSerializers } from 'pino';
import type { DestinationStream, Logger } from 'pino';

export type { Logger };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** `LOG_LEVEL`. Default `info`. */
  readonly level?: string;
  /**
   * Values no line may ever carry (signing and JWT secrets, passwords): each is replaced by
   * `[Redacted]` wherever it appears, message and stack included. Default: none; see
   * {@link secretsOf}.
   */
  readonly secrets?: readonly string[];
  /** Where lines go. Default: standard output. */
  readonly destination?: DestinationStream;
}

const REDACTED = '[Redacted]';

// a line logged inside a span names it, so the log and the trace join (no span: nothing, no cost)
const traceIds = (): Record<string, string> => {
  const span = trace.getActiveSpan()?.spanContext();
  return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
};

// keys that hold a secret or a whole connection wherever they sit (two levels deep)
const SECRET_KEYS = [
  'password',
  'secret',
  'secretKey',
  'signingSecret',
  'jwtSecret',
  'token',
  'authorization',
  'cookie',
  'databaseUrl',
  'connectionString',
  'client',
];
const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

// a URL's user-info part (`postgres://user:password@host`), whichever key or message holds it
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]*:)[^\s@/"'\\]+@/gi;

/**
 * One JSON logger per process; `name` says which (`shopgraph`, `users`, `db:migrate`). A
 * service's lines are a {@link serviceLogger} child, so `service` is bound exactly once even
 * when several services share one process (`npm start`). Secrets are redacted by
 * configuration: known keys (`password`, `authorization`, `client`, `pool`…) by pino's
 * `redact`, an error's attached pg client or pool by its serializer, URL credentials and the
 * configured `secrets` in the written line itself.
 */
export function createLogger(name: string, options: LoggerOptions | string = {}): Logger {
  const { level = 'info', secrets = [], destination } = typeof options === 'string' ? { level: options } : options;
  const scrub = scrubber(secrets);
  const settings = {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: serializeError },
    formatters: { log: withoutConnections },
    hooks: { streamWrite: scrub },
    mixin: traceIds,
  };
  return destination ? pino(settings, destination) : pino(settings);
}

/** The logger of one service in a process: every line says `service` once. */
export function serviceLogger(log: Logger, service: string): Logger {
  return log.child({ service });
}

/** The values of secret-looking variables (`*_SECRET`, `*PASSWORD*`, `*_TOKEN`, `*_KEYS`) of an environment. */
export function secretsOf(env: Readonly<Record<string, string | undefined>>): string[] {
  const secretName = /(SECRET|PASSWORD|TOKEN|_KEYS?)$|PASSWORD/;
  return Object.entries(env)
    .filter(([name, value]) => secretName.test(name) && value !== undefined && value.length >= 8)
    .map(([, value]) => value as string);
}

function scrubber(secrets: readonly string[]): (line: string) => string {
  const known = [...new Set(secrets.filter((secret) => secret.length >= 8))];
  return (line) => {
    let scrubbed = line.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
    for (const secret of known) {
      for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) scrubbed = scrubbed.replaceAll(form, REDACTED);
    }
    return scrubbed;
  };
}

// what an error may carry besides its message: never a connection (pg-pool attaches `client`)
const CONNECTION_LIKE = /Client|Pool|Socket|Connection/;

function serializeError(error: unknown): unknown {
  const serialized: unknown = stdSerializers.err(error as Error);
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const fields = withoutConnections(serialized as Record<string, unknown>);
  if (typeof fields['cause'] === 'object' && fields['cause'] !== null) {
    fields['cause'] = withoutConnections(fields['cause'] as Record<string, unknown>);
  }
  return fields;
}

// a line's fields (or an error's), each connection object replaced by its class name
function withoutConnections(fields: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(fields)) {
    const kind = typeof value === 'object' && value !== null ? value.constructor?.name : undefined;
    if (kind !== undefined && CONNECTION_LIKE.test(kind)) fields[key] = `[${kind}]`;
  }
  return fields;
}
