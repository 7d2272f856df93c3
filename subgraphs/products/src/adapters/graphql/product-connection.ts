import { encodeCursor } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
import type { Product } from '../../domain/product';

export interface ProductConnection {
  readonly edges: readonly { readonly cursor: string; readonly node: Product }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly totalCount: number;
}

/** A page as the Relay-style `ProductConnection` of the SDL. */
export function toProductConnection({ items, hasNextPage, totalCount }: Page<Product>): ProductConnection {
  const edges = items.map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
