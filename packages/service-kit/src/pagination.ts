import { invalid } from './app-error';
import { isWellFormedId } from './ids';

/** Bounds of a page size argument (`first` or `last`), and the size when neither is given. */
export const PAGE_SIZE = { min: 1, max: 100, default: 20 } as const;

/** A keyset position: the sort key of the last row seen and its id as tie-breaker. */
export interface Cursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface Page<T> {
  /** Newest first, whichever way the page was read. */
  readonly items: readonly T[];
  /** Whether older items follow the page. */
  readonly hasNextPage: boolean;
  /** Whether newer items precede the page. */
  readonly hasPreviousPage: boolean;
  readonly totalCount: number;
}

/** A page as a Relay-style connection, as the SDLs declare them. */
export interface Connection<N> {
  readonly edges: readonly { readonly cursor: string; readonly node: N }[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
  readonly totalCount: number;
}

/**
 * Which page to read: `size` items older than `cursor` (forward: `first`/`after`), or the
 * `size` items just newer than `cursor` (backward: `last`/`before`). No cursor: from the
 * newest end forward, from the oldest end backward.
 */
export interface PageWindow {
  readonly size: number;
  readonly backward: boolean;
  readonly cursor: Cursor | undefined;
}

/** The Relay arguments as a client sent them. */
export interface PageArgs {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly last?: number | null | undefined;
  readonly before?: string | null | undefined;
}

/** What a store read for a window: up to `size + 1` items newest first, and whether any lie beyond the cursor. */
export interface WindowRows<T> {
  readonly items: readonly T[];
  /** Items on the other side of the cursor (the cursor's own included): none without a cursor. */
  readonly beyondCursor: boolean;
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

/**
 * The page of a query that read up to `size + 1` items, newest first: the extra one (the
 * oldest going forward, the newest going backward) tells that more follow that way.
 */
export function pageOf<T>(window: PageWindow, { items, beyondCursor, totalCount }: WindowRows<T>): Page<T> {
  const more = items.length > window.size;
  if (!window.backward) {
    return { items: items.slice(0, window.size), hasNextPage: more, hasPreviousPage: beyondCursor, totalCount };
  }
  return { items: more ? items.slice(1) : items, hasNextPage: beyondCursor, hasPreviousPage: more, totalCount };
}

/** {@link pageOf} over a whole list already in memory, newest first (the memory adapters). */
export function pageOfList<T extends Cursor>(all: readonly T[], window: PageWindow): Page<T> {
  const { cursor, backward, size } = window;
  // forward reads what is older than the cursor, backward what is newer
  const onReadSide = (item: T) =>
    !cursor || (backward ? compareNewestFirst(item, cursor) < 0 : compareNewestFirst(cursor, item) < 0);
  const read = all.filter(onReadSide);
  const items = backward ? read.slice(-(size + 1)) : read.slice(0, size + 1);
  return pageOf(window, { items, beyondCursor: read.length < all.length, totalCount: all.length });
}

/** A page as a connection; each cursor is its item's keyset position. */
export function toConnection<T extends Cursor, N>(page: Page<T>, toNode: (item: T) => N): Connection<N> {
  const edges = page.items.map((item) => ({ cursor: encodeCursor(item), node: toNode(item) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

function pageSize(name: 'first' | 'last', size: number): number {
  if (!Number.isInteger(size) || size < PAGE_SIZE.min || size > PAGE_SIZE.max) {
    throw invalid(`${name} must be between ${PAGE_SIZE.min} and ${PAGE_SIZE.max}.`);
  }
  return size;
}

export const parseFirst = (first: number): number => pageSize('first', first);

const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

/**
 * The window the Relay arguments ask for: `first` (default 20) with `after`, or `last` with
 * `before`; mixing the two directions is refused, as is a size outside 1..100.
 */
export function parsePageArgs({ first, after, last, before }: PageArgs): PageWindow {
  if (given(first) && given(last)) throw invalid('Pass first or last, not both.');
  const backward = given(last) || given(before);
  if (backward && (given(first) || given(after))) {
    throw invalid('Page forward with first and after, or backward with last and before, not both ways at once.');
  }
  if (!backward) return { size: pageSize('first', first ?? PAGE_SIZE.default), backward, cursor: parseAfter(after) };
  return { size: pageSize('last', last ?? PAGE_SIZE.default), backward, cursor: parseCursor(before, 'before') };
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Reads a cursor this service handed out; anything else is refused as malformed. */
export function decodeCursor(raw: string, argument: 'after' | 'before' = 'after'): Cursor {
  const refuse = () => invalid(`${argument} is not a cursor this API returned.`);
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
  return parseCursor(after, 'after');
}

function parseCursor(raw: string | null | undefined, argument: 'after' | 'before'): Cursor | undefined {
  return raw === undefined || raw === null ? undefined : decodeCursor(raw, argument);
}

/** The SQL of a window's keyset, for the `(created_at, id)` row comparison both subgraphs use. */
export function keysetSql(window: PageWindow): {
  readonly read: '<' | '>';
  readonly beyond: '>=' | '<=';
  readonly order: 'ASC' | 'DESC';
} {
  return window.backward ? { read: '>', beyond: '<=', order: 'ASC' } : { read: '<', beyond: '>=', order: 'DESC' };
}
