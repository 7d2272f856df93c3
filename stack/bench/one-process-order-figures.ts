import { stopProcess } from '@shopgraph/service-kit/child-process';
import { startServiceProcess } from '../src/service-process';
import { ANY_FREE_PORTS, SUBGRAPH_NAMES, databaseUrlVariable } from '../src/subgraph-names';
import type { SubgraphName } from '../src/subgraph-names';
import { benchOrderFigures } from './order-figures';

/** Options of {@link benchOneProcessOrderFigures}. */
export interface OneProcessFiguresOptions {
  /** The bench's databases, migrated and seeded; the process finds them as external ones. */
  readonly databases: Readonly<Record<SubgraphName, string>>;
  /** The embedded cluster's event bus database, as `npm start` uses it. */
  readonly eventBus: string | undefined;
  readonly seconds: number;
  readonly clients: number;
  readonly sampleWaits: boolean;
  /** Secrets and raised rate limits. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The order figures of `npm start`: its process (`stack/src/main.ts`) on its own, with the
 * bench's clients in this process, as a shop's clients are never inside its server. The stack
 * started in the bench's own process would share one event loop with the load it measures.
 */
export async function benchOneProcessOrderFigures(options: OneProcessFiguresOptions): Promise<void> {
  const { databases, eventBus, env } = options;
  const databaseEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [databaseUrlVariable(name), databases[name]]));
  const { child, url } = await startServiceProcess({
    workspace: 'stack',
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      ...ANY_FREE_PORTS,
      WEB_PORT: '0', // the storefront, when built, starts too, as it does under npm start
      ...env,
      ...databaseEnv,
      ...(eventBus && { EVENT_BUS_DATABASE_URL: eventBus }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await benchOrderFigures({ ...options, mode: 'one process (npm start)', url });
  } finally {
    await stopProcess(child);
  }
}
