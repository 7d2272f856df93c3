import { invalid, notFound } from '@shopgraph/service-kit/app-error';
import { parseId } from '@shopgraph/service-kit/ids';
import { requireAdmin, requireSelfOrAdmin, requireUser } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { inScope } from '../domain/order-event-log';
import type { OrderEventScope } from '../domain/order-event-log';
import type { OrderEventLog, OrderRepository } from './ports';

/** What a subscription asks for: one order's events, the caller's, or every order's. */
export type OrderEventsRequest = (
  | { readonly kind: 'order'; readonly orderId: string }
  | { readonly kind: 'mine' }
  | { readonly kind: 'all' }
) & {
  /** Resume strictly after this event ID; absent: live events only, unless `fromStart`. */
  readonly after?: string | null | undefined;
  /** One order only, without `after`: replay its whole log first, from its first event. */
  readonly fromStart?: boolean | undefined;
};

/** Where a permitted subscription starts: its scope, and the log position to replay from. */
export interface OrderEventsAccess {
  readonly scope: OrderEventScope;
  /** The sequence of the `after` event; undefined when the subscription starts live. */
  readonly afterSequence: number | undefined;
}

const UNKNOWN_AFTER =
  'after names no event of this subscription: it is unknown, or older than the event log keeps ' +
  '(at least 24 hours). Subscribe without after to follow live events.';

/**
 * Checks who may follow what before anything streams: a signed-in user (UNAUTHENTICATED),
 * well-formed IDs (BAD_USER_INPUT), one order only for its customer or an ADMIN (NOT_FOUND,
 * FORBIDDEN), every order for an ADMIN only (FORBIDDEN), and an `after` of this scope.
 */
export async function authorizeOrderEvents(
  deps: { readonly orders: OrderRepository; readonly log: OrderEventLog },
  identity: Identity,
  request: OrderEventsRequest,
): Promise<OrderEventsAccess> {
  const user = requireUser(identity);
  const after = request.after == null ? undefined : parseId(request.after, 'after');
  const scope = await scopeOf(deps.orders, { identity, request, userId: user.userId });
  if (after === undefined) return { scope, afterSequence: startOf(request) };
  // an event outside the scope reads as unknown: its existence is not the caller's to learn
  const event = await deps.log.find(after);
  if (event === undefined || !inScope(scope, event)) throw invalid(UNKNOWN_AFTER);
  return { scope, afterSequence: event.sequence };
}

/** Without `after`: one order's log from its start when asked (sequences start at 1), else live. */
const startOf = (request: OrderEventsRequest): number | undefined =>
  request.kind === 'order' && request.fromStart === true ? 0 : undefined;

async function scopeOf(
  orders: OrderRepository,
  { identity, request, userId }: { identity: Identity; request: OrderEventsRequest; userId: string },
): Promise<OrderEventScope> {
  switch (request.kind) {
    case 'order': {
      const orderId = parseId(request.orderId, 'orderId');
      const [order] = await orders.findByIds([orderId]);
      if (order === undefined) throw notFound('There is no order with this id.');
      requireSelfOrAdmin(identity, order.customerId);
      return { kind: 'order', orderId };
    }
    case 'mine':
      return { kind: 'customer', customerId: userId };
    case 'all':
      requireAdmin(identity);
      return { kind: 'all' };
  }
}
