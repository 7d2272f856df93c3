import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { encodeCursor } from '@shopgraph/service-kit/pagination';
import { InMemoryOrderRepository } from '../adapters/memory/in-memory-order-repository';
import { anOrder } from '../testing/order-mother';
import { listCustomerOrders } from './list-customer-orders';
import type { CustomerOrdersArgs } from './list-customer-orders';

const owner = newId();
const orders = [1, 2, 3].map((day) => anOrder({ customerId: owner, createdAt: new Date(Date.UTC(2026, 0, day)) }));
const list = listCustomerOrders(new InMemoryOrderRepository([...orders, anOrder()]));
const customer = (userId: string): Identity => ({ kind: 'user', userId, role: 'CUSTOMER' });
const admin: Identity = { kind: 'user', userId: newId(), role: 'ADMIN' };
const args = (overrides: Partial<CustomerOrdersArgs> = {}): CustomerOrdersArgs => ({
  customerId: owner,
  first: 20,
  after: null,
  ...overrides,
});
const ids = (page: { items: readonly { id: string }[] }) => page.items.map((order) => order.id);

describe('listCustomerOrders (User.orders)', () => {
  it('lists the customer their own orders, newest first, with the total count', async () => {
    const page = await list(customer(owner), args());
    expect(ids(page)).toEqual(orders.map((order) => order.id).reverse());
    expect(page.totalCount).toBe(3);
  });

  it("lists an ADMIN any customer's orders", async () => {
    expect((await list(admin, args())).totalCount).toBe(3);
  });

  it("refuses another customer's orders as FORBIDDEN", async () => {
    await expect(list(customer(newId()), args())).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses an anonymous caller', async () => {
    await expect(list(ANONYMOUS, args())).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it.each([0, 101, 2.5])('refuses first = %s as bad input', async (first) => {
    await expect(list(customer(owner), args({ first }))).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('refuses a cursor this API did not hand out as bad input', async () => {
    const forged = encodeCursor({ createdAt: new Date(), id: "x' or 1=1 --" });
    for (const after of ['not-a-cursor', forged]) {
      await expect(list(customer(owner), args({ after }))).rejects.toMatchObject({ kind: 'invalid' });
    }
  });

  it('continues after the cursor it was given', async () => {
    const newest = orders[2];
    const page = await list(customer(owner), args({ after: newest && encodeCursor(newest), first: 1 }));
    expect(ids(page)).toEqual([orders[1]?.id]);
    expect(page.hasNextPage).toBe(true);
  });

  it('refuses an ADMIN a malformed user ID as bad input', async () => {
    await expect(list(admin, args({ customerId: 'nope' }))).rejects.toMatchObject({ kind: 'invalid' });
  });
});
