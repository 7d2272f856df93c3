/**
 * What the outbox needs of a database connection: a `pg` `Client`, `PoolClient` or `Pool`
 * fits. Writers must pass the client of the caller's open transaction, never a pool, or the
 * write commits on its own.
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ readonly rowCount: number | null }>;
}

/** A statement and its values, for clients that run SQL themselves (Prisma's `$executeRawUnsafe`). */
export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}
