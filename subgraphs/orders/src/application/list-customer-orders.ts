import { parseId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { parsePageArgs } from '@shopgraph/service-kit/pagination';
import type { Page, PageArgs } from '@shopgraph/service-kit/pagination';
import type { Order } from '../domain/order';
import type { OrderRepository } from './ports';

export interface CustomerOrdersArgs extends PageArgs {
  readonly customerId: string;
}

export type ListCustomerOrders = (identity: Identity, args: CustomerOrdersArgs) => Promise<Page<Order>>;

/** `User.orders`: that user or an ADMIN; the rule is checked before any argument or lookup. */
export function listCustomerOrders(orders: OrderRepository): ListCustomerOrders {
  return async (identity, args) => {
    requireSelfOrAdmin(identity, args.customerId);
    const { customerId: id, ...pageArgs } = args;
    const customerId = parseId(id, 'User.id');
    return orders.pageOfCustomer({ customerId, window: parsePageArgs(pageArgs) });
  };
}
