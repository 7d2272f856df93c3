import { invalid } from './app-error';
import { isWellFormedId } from './ids';

/** Bounds of a page size argument (`first`). */
export const PAGE_SIZE = { min: 1, max: 100 } as const;

/** A keyset position: the sort key of the last row seen and its id as tie-breaker. */
export interface Cursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

/** A page as a Relay-style connection, as the SDLs declare them. */
export interface Connection<N> {
  readonly edges: readonly { readonly cursor: string; readonly node: N }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly totalCount: number;
}

/**
 * The keyset order of every list: `createdAt` descending, then `id` descending. Lower-case
 * UUID strings compare as PostgreSQL's uuid type does (byte-wise), so memory and SQL agree.
 */
export function compareNewestFirst(a: Cursor, b: Cursor): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** The page of a query that read up to `first + 1` items, the extra one telling that more follow. */
export function pageOf<T>(items: readonly T[], first: number, totalCount: number): Page<T> {
  return { items: items.slice(0, first), hasNextPage: items.length > first, totalCount };
}

/** A page as a connection; each cursor is its item's keyset position. */
export function toConnection<T extends Cursor, N>(page: Page<T>, toNode: (item: T) => N): Connection<N> {
  const edges = page.items.map((item) => ({ cursor: encodeCursor(item), node: toNode(item) }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

export function parseFirst(first: number): number {
  if (!Number.isInteger(first) || first < PAGE_SIZE.min || first > PAGE_SIZE.max) {
    throw invalid(`first must be between ${PAGE_SIZE.min} and ${PAGE_SIZE.max}.`);
  }
  return first;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Reads a cursor this service handed out; anything else is refused as malformed. */
export function decodeCursor(raw: string): Cursor {
  const refuse = () => invalid('after is not a cursor this API returned.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw refuse();
  const [iso, id] = parsed as unknown[];
  // a forged id would otherwise reach the database's uuid cast as an internal error
  if (typeof iso !== 'string' || typeof id !== 'string' || !isWellFormedId(id)) throw refuse();
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) throw refuse();
  // one spelling per ID, as the database compares them
  return { createdAt, id: id.toLowerCase() };
}

/** `after` as a client sent it: no cursor, or one this service handed out ({@link decodeCursor}). */
export function parseAfter(after: string | null | undefined): Cursor | undefined {
  return after === undefined || after === null ? undefined : decodeCursor(after);
}
