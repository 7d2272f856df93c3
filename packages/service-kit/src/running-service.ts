import type { Server } from 'node:http';
import type { StatementCounter } from './database/service-pool';
import { close, listen } from './listen';

/** A service that listens: its URL, its SQL statement count, and how to stop it. */
export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly statements: StatementCounter;
  stop(): Promise<void>;
}

export interface ServeOptions {
  readonly name: string;
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  readonly statements: StatementCounter;
  /**
   * Closes the connections upgraded away from HTTP (WebSockets) while the server closes: the
   * server counts them until they end, but its own close never ends them. Default: none.
   */
  readonly closeUpgraded?: () => Promise<void>;
  /** Releases what the service holds (Apollo, Prisma, pools) after the server closed. */
  readonly release: () => Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningService> {
  const { name, server, host, statements, release, closeUpgraded = async () => undefined } = options;
  const port = await listen(server, options.port, host);
  let stopping: Promise<void> | undefined;
  return {
    name,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`,
    statements,
    stop: () => (stopping ??= Promise.all([close(server), closeUpgraded()]).then(release)),
  };
}
