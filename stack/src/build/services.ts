import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './bundle-service';

/** A service the image can be built for: its entry point and, for a subgraph, its database. */
export interface BuildableService {
  readonly name: string;
  /** Relative to the repository root. */
  readonly entry: string;
  /** True when `prisma/<name>` holds its schema and migrations. */
  readonly migrates: boolean;
}

/**
 * The gateway and every directory of `subgraphs/` with a `src/main.ts`, found by that naming
 * rule so that a new subgraph needs no change here (nor in the Dockerfile).
 */
export function buildableServices(root = repoRoot): BuildableService[] {
  const subgraphs = readdirSync(join(root, 'subgraphs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'subgraphs', entry.name, 'src/main.ts')))
    .map((entry) => entry.name)
    .sort();
  return [
    { name: 'gateway', entry: 'gateway/src/main.ts', migrates: false },
    ...subgraphs.map((name) => ({
      name,
      entry: `subgraphs/${name}/src/main.ts`,
      migrates: existsSync(join(root, 'prisma', name, 'schema.prisma')),
    })),
  ];
}
