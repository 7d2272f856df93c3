import pg from 'pg';
import type { ClientConfig, QueryResult } from 'pg';
import { guardClient } from './guard-pool';

// PostgreSQL's catalog types `char` (18) and `name` (19) are unknown to
// @prisma/adapter-pg 6.19, which makes Migrate fail while it introspects the catalog
// (prisma/orm#27403). Both are plain text to every reader we have.
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

// a multi-statement query answers with one result per statement
function reportCatalogTypesAsText<R extends QueryResult | QueryResult[]>(result: R): R {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

type QueryCallback = (error: Error | null, result: QueryResult) => void;

/**
 * A `pg.Client` for migration pools only. `pg.Pool` calls the callback form of `query`
 * and callers await the promise form, so both are wrapped.
 */
export class CatalogSafeClient extends pg.Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    // a migration whose server goes away must fail its statement, not crash the CLI
    guardClient(this);
  }

  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      const callback = last as QueryCallback;
      const wrapped: QueryCallback = (error, result) =>
        callback(error, error ? result : reportCatalogTypesAsText(result));
      return (super.query as (...a: unknown[]) => never)(...args.slice(0, -1), wrapped);
    }
    const outcome = (super.query as (...a: unknown[]) => unknown)(...args);
    if (outcome instanceof Promise) {
      return outcome.then((result: QueryResult) => reportCatalogTypesAsText(result)) as never;
    }
    return outcome as never;
  }
}
