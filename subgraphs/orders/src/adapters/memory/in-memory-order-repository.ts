import { compareNewestFirst, pageOfList } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
import type { CustomerOrdersQuery, OrderRepository } from '../../application/ports';
import type { Order } from '../../domain/order';

/**
 * The repository port over a Map, for unit tests; it passes the same contract suite as
 * the Prisma adapter, so use-case tests can trust it.
 */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();
  /** Every findByIds call's IDs, so tests can prove that lookups are batched. */
  readonly batches: (readonly string[])[] = [];

  constructor(orders: readonly Order[] = []) {
    this.add(orders);
  }

  add(orders: readonly Order[]): void {
    for (const order of orders) this.orders.set(order.id, order);
  }

  /** One order as stored, without counting as a batch: for the in-memory OrderStore. */
  get(id: string): Order | undefined {
    return this.orders.get(id);
  }

  async findByIds(ids: readonly string[]): Promise<Order[]> {
    this.batches.push([...ids]);
    return ids.flatMap((id) => this.orders.get(id) ?? []);
  }

  async pageOfCustomer({ customerId, window }: CustomerOrdersQuery): Promise<Page<Order>> {
    const all = [...this.orders.values()].filter((order) => order.customerId === customerId).sort(compareNewestFirst);
    return pageOfList(all, window);
  }
}
