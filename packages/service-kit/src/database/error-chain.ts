/** The fields of one error in a chain that say what went wrong, by code or by message. */
export interface ErrorLink {
  readonly code?: unknown;
  readonly kind?: unknown;
  readonly originalCode?: unknown;
  readonly message?: unknown;
}

const MAX_LINKS = 24;

/**
 * `error` and every error it wraps: GraphQL's `originalError`, `cause`, and Prisma's
 * `meta.driverAdapterError` (whose `cause` carries the driver's kind and code).
 */
export function errorChain(error: unknown): ErrorLink[] {
  const links: ErrorLink[] = [];
  let pending: unknown[] = [error];
  while (pending.length > 0 && links.length < MAX_LINKS) {
    const next: unknown[] = [];
    for (const current of pending) {
      if (typeof current !== 'object' || current === null) continue;
      links.push(current as ErrorLink);
      const record = current as { originalError?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
      next.push(record.originalError, record.cause, record.meta?.driverAdapterError);
    }
    pending = next;
  }
  return links;
}
