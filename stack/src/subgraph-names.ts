/** The four subgraphs, in the order they are provisioned and started. */
export const SUBGRAPH_NAMES = ['users', 'products', 'orders', 'payments'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** The environment variable each service (and its prisma.config.ts) reads its database from. */
export const databaseUrlVariable = (name: SubgraphName): string => `${name.toUpperCase()}_DATABASE_URL`;
