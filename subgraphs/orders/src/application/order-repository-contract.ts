import { expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import { compareNewestFirst, encodeCursor, decodeCursor } from '@shopgraph/service-kit/pagination';
import type { Cursor, PageWindow } from '@shopgraph/service-kit/pagination';
import type { Order } from '../domain/order';
import { aLine, anOrder } from '../testing/order-mother';
import type { OrderRepository } from './ports';

/** What a contract run needs from an adapter. */
export interface OrderRepositoryFixture {
  readonly repository: OrderRepository;
  /** Stores orders as they are, lines included: a test seam, as the port only reads. */
  insert(orders: readonly Order[]): Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute, 0, 123));
const cursorOf = (order: Order) => decodeCursor(encodeCursor(order));

/** Seven orders of one customer (two share a timestamp, so the id decides) and one of another. */
function customerWithSevenOrders(): { customerId: string; orders: Order[]; stranger: Order } {
  const customerId = newId();
  const orders = [0, 1, 2, 3, 3, 4, 5].map((minute) => anOrder({ customerId, createdAt: at(minute) }));
  return { customerId, orders, stranger: anOrder({ createdAt: at(2) }) };
}

const forward = (size: number, cursor?: Cursor): PageWindow => ({ size, backward: false, cursor });
const newestFirst = (orders: readonly Order[]) => [...orders].sort(compareNewestFirst).map((order) => order.id);

/** The behaviour every OrderRepository adapter must show; call inside a describe block. */
export function orderRepositoryContract(fixture: () => OrderRepositoryFixture): void {
  it("pages through a customer's orders newest first, with no overlap, no gap and the total count", async () => {
    const { repository, insert } = fixture();
    const { customerId, orders, stranger } = customerWithSevenOrders();
    await insert([...orders, stranger]);
    const seen: string[] = [];
    const pages: { size: number; hasNextPage: boolean; totalCount: number }[] = [];
    let after: ReturnType<typeof cursorOf> | undefined;
    do {
      const page = await repository.pageOfCustomer({ customerId, window: forward(3, after) });
      seen.push(...page.items.map((order) => order.id));
      pages.push({ size: page.items.length, hasNextPage: page.hasNextPage, totalCount: page.totalCount });
      const last = page.items.at(-1);
      after = page.hasNextPage && last ? cursorOf(last) : undefined;
    } while (after !== undefined && pages.length < 10);
    expect(seen).toEqual(newestFirst(orders));
    expect(pages).toEqual([
      { size: 3, hasNextPage: true, totalCount: 7 },
      { size: 3, hasNextPage: true, totalCount: 7 },
      { size: 1, hasNextPage: false, totalCount: 7 },
    ]);
  });

  it('pages back from the oldest order with last and before, saying what lies either way', async () => {
    const { repository, insert } = fixture();
    const { customerId, orders, stranger } = customerWithSevenOrders();
    await insert([...orders, stranger]);
    const all = newestFirst(orders);
    const oldestThree = await repository.pageOfCustomer({
      customerId,
      window: { size: 3, backward: true, cursor: undefined },
    });
    expect(oldestThree).toMatchObject({ hasPreviousPage: true, hasNextPage: false, totalCount: 7 });
    expect(oldestThree.items.map((order) => order.id)).toEqual(all.slice(4));
    const before = cursorOf(oldestThree.items[0] as Order);
    const previous = await repository.pageOfCustomer({
      customerId,
      window: { size: 10, backward: true, cursor: before },
    });
    expect(previous).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(previous.items.map((order) => order.id)).toEqual(all.slice(0, 4));
  });

  it('still counts all orders on an empty page past the oldest one', async () => {
    const { repository, insert } = fixture();
    const { customerId, orders } = customerWithSevenOrders();
    await insert(orders);
    const oldest = orders[0] as Order;
    const page = await repository.pageOfCustomer({ customerId, window: forward(5, cursorOf(oldest)) });
    expect(page).toEqual({ items: [], hasNextPage: false, hasPreviousPage: true, totalCount: 7 });
  });

  it('gives a customer without orders an empty page', async () => {
    const { repository } = fixture();
    const page = await repository.pageOfCustomer({ customerId: newId(), window: forward(20) });
    expect(page).toEqual({ items: [], hasNextPage: false, hasPreviousPage: false, totalCount: 0 });
  });

  it('returns every order field and its lines in the order the customer listed them, with prices', async () => {
    const { repository, insert } = fixture();
    const lines = [
      aLine({ quantity: 2, unitPrice: { amount: 1_250, currency: 'EUR' } }),
      aLine({ quantity: 1, unitPrice: null }),
      aLine({ quantity: 100, unitPrice: { amount: 5, currency: 'EUR' } }),
    ];
    const order = anOrder({ lines, status: 'CANCELLED', cancellationReason: 'out of stock', total: null });
    await insert([order]);
    expect(await repository.findByIds([order.id])).toEqual([order]);
    const page = await repository.pageOfCustomer({ customerId: order.customerId, window: forward(1) });
    expect(page.items).toEqual([order]);
  });

  it('finds any number of orders by ID and leaves unknown IDs out', async () => {
    const { repository, insert } = fixture();
    const orders = [anOrder(), anOrder(), anOrder()];
    await insert(orders);
    const found = await repository.findByIds([...orders.map((order) => order.id), newId()]);
    expect(found.map((order) => order.id).sort()).toEqual(orders.map((order) => order.id).sort());
    expect(await repository.findByIds([])).toEqual([]);
  });
}
