import { isWellFormedId, parseId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin, requireUser } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Order } from '../domain/order';

/** Loads orders (with their lines) by ID in batches; a per-request DataLoader in production. */
export type OrderLoader = (id: string) => Promise<Order | undefined>;

/** `order(id)`: its customer or an ADMIN; an unknown ID is simply absent. */
export async function getOrder(identity: Identity, rawId: string, load: OrderLoader): Promise<Order | undefined> {
  const id = parseId(rawId, 'id');
  requireUser(identity);
  return visibleTo(identity, await load(id));
}

/**
 * Another subgraph named this order (`Payment.order`): the same rule, but a malformed ID
 * is an absent order rather than the client's mistake, as the client never typed it.
 */
export async function resolveOrderReference(
  identity: Identity,
  rawId: string,
  load: OrderLoader,
): Promise<Order | undefined> {
  if (!isWellFormedId(rawId)) return undefined;
  requireUser(identity);
  return visibleTo(identity, await load(rawId.toLowerCase()));
}

// Ownership is only known once the order is loaded, so the check follows the lookup.
function visibleTo(identity: Identity, order: Order | undefined): Order | undefined {
  if (order !== undefined) requireSelfOrAdmin(identity, order.customerId);
  return order;
}
