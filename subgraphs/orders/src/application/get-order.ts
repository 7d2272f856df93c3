import { parseId } from '@shopgraph/service-kit/ids';
import { loadOwnedReference } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Order } from '../domain/order';

/** Loads orders (with their lines) by ID in batches; a per-request DataLoader in production. */
export type OrderLoader = (id: string) => Promise<Order | undefined>;

const ownerOf = (order: Order): string => order.customerId;

/** `order(id)`: its customer or an ADMIN; a malformed ID is the client's mistake, an unknown one simply absent. */
export async function getOrder(identity: Identity, rawId: string, load: OrderLoader): Promise<Order | undefined> {
  return loadOwnedReference(identity, parseId(rawId, 'id'), { load, ownerOf });
}

/**
 * Another subgraph named this order (`Payment.order`): the same rule, but a malformed ID
 * is an absent order rather than the client's mistake, as the client never typed it.
 */
export function resolveOrderReference(
  identity: Identity,
  rawId: string,
  load: OrderLoader,
): Promise<Order | undefined> {
  return loadOwnedReference(identity, rawId, { load, ownerOf });
}
