import { parseId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { parseAfter, parseFirst } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
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
    const after = parseAfter(args.after);
    return orders.pageOfCustomer({ customerId, first, after });
  };
}
