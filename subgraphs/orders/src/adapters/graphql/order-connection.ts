import { encodeCursor } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
import type { Order } from '../../domain/order';
import { toOrderNode } from './order-node';
import type { OrderNode } from './order-node';

export interface OrderConnection {
  readonly edges: readonly { readonly cursor: string; readonly node: OrderNode }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly totalCount: number;
}

/** A page as a Relay-style connection; each cursor is the order's keyset position. */
export function toOrderConnection(page: Page<Order>): OrderConnection {
  const edges = page.items.map((order) => ({ cursor: encodeCursor(order), node: toOrderNode(order) }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}
