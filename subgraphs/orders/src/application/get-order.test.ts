import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { InMemoryOrderRepository } from '../adapters/memory/in-memory-order-repository';
import { anOrder } from '../testing/order-mother';
import { getOrder, resolveOrderReference } from './get-order';
import type { OrderLoader } from './get-order';

const owner = newId();
const order = anOrder({ customerId: owner });
const customer = (userId: string): Identity => ({ kind: 'user', userId, role: 'CUSTOMER' });
const admin: Identity = { kind: 'user', userId: newId(), role: 'ADMIN' };

function loader(): { load: OrderLoader; repository: InMemoryOrderRepository } {
  const repository = new InMemoryOrderRepository([order]);
  return { repository, load: async (id) => (await repository.findByIds([id]))[0] };
}

describe('getOrder (order(id))', () => {
  it('shows the customer their own order', async () => {
    expect(await getOrder(customer(owner), order.id, loader().load)).toEqual(order);
  });

  it("shows an ADMIN any customer's order", async () => {
    expect(await getOrder(admin, order.id, loader().load)).toEqual(order);
  });

  it("refuses another customer's order as FORBIDDEN", async () => {
    await expect(getOrder(customer(newId()), order.id, loader().load)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses an anonymous caller before looking anything up', async () => {
    const { load, repository } = loader();
    await expect(getOrder(ANONYMOUS, order.id, load)).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(repository.batches).toEqual([]);
  });

  it('refuses a malformed ID as bad input without a lookup', async () => {
    const { load, repository } = loader();
    await expect(getOrder(customer(owner), 'not-an-id', load)).rejects.toMatchObject({ kind: 'invalid' });
    expect(repository.batches).toEqual([]);
  });

  it('answers nothing for an unknown order', async () => {
    expect(await getOrder(customer(owner), newId(), loader().load)).toBeUndefined();
  });

  it('finds an order whatever the case of its ID', async () => {
    expect(await getOrder(customer(owner), order.id.toUpperCase(), loader().load)).toEqual(order);
  });
});

describe('resolveOrderReference (Payment.order)', () => {
  it('resolves the customer their own order and an ADMIN any order', async () => {
    expect(await resolveOrderReference(customer(owner), order.id, loader().load)).toEqual(order);
    expect(await resolveOrderReference(admin, order.id, loader().load)).toEqual(order);
  });

  it("refuses another customer's order as FORBIDDEN", async () => {
    await expect(resolveOrderReference(customer(newId()), order.id, loader().load)).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('refuses an anonymous caller', async () => {
    await expect(resolveOrderReference(ANONYMOUS, order.id, loader().load)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });

  it('treats a malformed ID as an absent order, not as an error', async () => {
    const { load, repository } = loader();
    expect(await resolveOrderReference(customer(owner), 'garbage', load)).toBeUndefined();
    expect(repository.batches).toEqual([]);
  });
});
