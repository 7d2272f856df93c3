import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './bundle-service';

/** A service the image can be built for. */
export interface BuildableService {
  readonly name: string;
  /** Relative to the repository root. */
  readonly entry: string;
  /** The port it listens on unless `<NAME>_PORT` says otherwise. */
  readonly port: number;
  /** True when `prisma/<name>` holds its schema and migrations. */
  readonly migrates: boolean;
  /**
   * A static app the service serves (the storefront): the workspace whose `npm run build`
   * writes it, and its output directory, copied into the bundle at the same repository path.
   */
  readonly app?: { readonly workspace: string; readonly dist: string };
}

/** The gateway's default port (GATEWAY_PORT, gateway/src/config.ts). */
const GATEWAY_PORT = 4000;

/** The storefront (web/server/web-config.ts's default port): serves web/dist, calls no service. */
const STOREFRONT: BuildableService = {
  name: 'web',
  entry: 'web/server/main.ts',
  port: 3000,
  migrates: false,
  app: { workspace: 'web', dist: 'web/dist' },
};

/** Each subgraph's port, from its routing URL in supergraph.yaml. */
function routingPorts(root: string): Map<string, number> {
  const config = parse(readFileSync(join(root, 'supergraph.yaml'), 'utf8')) as {
    subgraphs?: Record<string, { routing_url?: string }>;
  };
  const entries = Object.entries(config.subgraphs ?? {}).map(([name, { routing_url: url }]) => {
    const port = Number(new URL(url ?? 'http://missing').port);
    return [name, port] as const;
  });
  return new Map(entries.filter(([, port]) => port > 0));
}

/**
 * The gateway, the storefront and every directory of `subgraphs/` with a `src/main.ts` and a routing URL in
 * supergraph.yaml, found by that naming rule: a new subgraph needs no change here, nor in the
 * Dockerfile.
 */
export function buildableServices(root = repoRoot): BuildableService[] {
  const ports = routingPorts(root);
  const subgraphs = readdirSync(join(root, 'subgraphs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'subgraphs', entry.name, 'src/main.ts')))
    .map((entry) => entry.name)
    .filter((name) => ports.has(name))
    .sort();
  return [
    { name: 'gateway', entry: 'gateway/src/main.ts', port: GATEWAY_PORT, migrates: false },
    ...subgraphs.map((name) => ({
      name,
      entry: `subgraphs/${name}/src/main.ts`,
      port: ports.get(name) ?? GATEWAY_PORT,
      migrates: existsSync(join(root, 'prisma', name, 'schema.prisma')),
    })),
    STOREFRONT,
  ];
}
