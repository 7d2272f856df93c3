import type { Cursor, Page } from '@shopgraph/service-kit/pagination';
import type { Order } from '../domain/order';

/** One page of a customer's orders, newest first. */
export interface CustomerOrdersQuery {
  readonly customerId: string;
  /** Page size, already checked to be 1..100. */
  readonly first: number;
  /** Continue strictly after this order; undefined for the first page. */
  readonly after: Cursor | undefined;
}

export interface OrderRepository {
  /** One statement for any number of IDs, each order with its lines; missing IDs are simply absent. */
  findByIds(ids: readonly string[]): Promise<Order[]>;
  /**
   * One statement: the page (createdAt DESC, id DESC), each order's lines and the count
   * of all the customer's orders, so a connection never costs a query per order.
   */
  pageOfCustomer(query: CustomerOrdersQuery): Promise<Page<Order>>;
}
