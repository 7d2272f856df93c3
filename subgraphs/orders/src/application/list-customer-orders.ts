import { invalid } from '@shopgraph/service-kit/app-error';
import { isWellFormedId, parseId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { decodeCursor, parseFirst } from '@shopgraph/service-kit/pagination';
import type { Cursor, Page } from '@shopgraph/service-kit/pagination';
import type { Order } from '../domain/order';
import type { OrderRepository } from './ports';

export interface CustomerOrdersArgs {
  readonly customerId: string;
  readonly first: number;
  readonly after: string | null | undefined;
}

export type ListCustomerOrders = (identity: Identity, args: CustomerOrdersArgs) => Promise<Page<Order>>;

/** `User.orders`: that user or an ADMIN; the rule is checked before any argument or lookup. */
export function listCustomerOrders(orders: OrderRepository): ListCustomerOrders {
  return async (identity, args) => {
    requireSelfOrAdmin(identity, args.customerId);
    const customerId = parseId(args.customerId, 'User.id');
    const first = parseFirst(args.first);
    const after = args.after === null || args.after === undefined ? undefined : parseCursor(args.after);
    return orders.pageOfCustomer({ customerId, first, after });
  };
}

// decodeCursor checks the shape; the ID must also be a UUID before it reaches SQL.
function parseCursor(raw: string): Cursor {
  const cursor = decodeCursor(raw);
  if (!isWellFormedId(cursor.id)) throw invalid('after is not a cursor this API returned.');
  return { createdAt: cursor.createdAt, id: cursor.id.toLowerCase() };
}
