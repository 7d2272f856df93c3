import { announceListening } from './announce-listening';
import { createLogger, secretsOf, serviceLogger } from './logger';
import type { Logger } from './logger';
import { runUntilSignalled } from './run-until-signalled';
import { startTracing, stopTracing } from './tracing/tracing';
import { loadTracingConfig } from './tracing/tracing-config';

/** What every service's configuration carries for its start. */
export interface ServiceStartConfig {
  readonly logLevel: string;
  /** Said once at start, e.g. a development secret in use. */
  readonly warnings: readonly string[];
}

/** One service's entry point: how it reads its environment and how it starts. */
export interface ServiceEntry<C extends ServiceStartConfig> {
  /** The logger's name: `orders`, `gateway`. */
  readonly name: string;
  /** What it logs, with its URL, once it listens: `orders subgraph listening`. */
  readonly listening: string;
  readonly load: (env: Readonly<Record<string, string | undefined>>) => C;
  readonly start: (config: C, log: Logger) => Promise<{ readonly url: string; stop(): Promise<void> }>;
}

/**
 * A service's `main.ts` as production runs it: configuration from the environment, tracing
 * as its `OTEL_*` variables say, its warnings logged, started, its URL announced, stopped cleanly on SIGINT or SIGTERM.
 */
export async function runService<C extends ServiceStartConfig>(entry: ServiceEntry<C>): Promise<void> {
  const config = entry.load(process.env);
  const root = createLogger(entry.name, { level: config.logLevel, secrets: secretsOf(process.env) });
  const log = serviceLogger(root, entry.name);
  startTracing({ config: loadTracingConfig(process.env), globalService: entry.name });
  for (const warning of config.warnings) log.warn(warning);
  const service = await entry.start(config, log);
  announceListening(log, service.url, entry.listening);
  runUntilSignalled(log, () => service.stop().then(stopTracing));
}
