import type { Page } from '@shopgraph/service-kit/pagination';
import type { CustomerOrdersQuery, OrderRepository } from '../../application/ports';
import type { Order } from '../../domain/order';

// Keyset order of the API: createdAt DESC, then id DESC. Lower-case UUID strings sort
// like PostgreSQL's uuid type (byte-wise), so both adapters agree on ties.
function newestFirst(a: Pick<Order, 'createdAt' | 'id'>, b: Pick<Order, 'createdAt' | 'id'>): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

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

  async pageOfCustomer({ customerId, first, after }: CustomerOrdersQuery): Promise<Page<Order>> {
    const all = [...this.orders.values()].filter((order) => order.customerId === customerId).sort(newestFirst);
    const rest = after === undefined ? all : all.filter((order) => newestFirst(after, order) < 0);
    return { items: rest.slice(0, first), hasNextPage: rest.length > first, totalCount: all.length };
  }
}
