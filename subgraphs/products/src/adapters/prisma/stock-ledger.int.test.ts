import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import { restockProduct } from '../../application/restock-product';
import { ADMIN } from '../../testing/product-mother';
import { createSagaFixture, orderCancelled, orderConfirmed, orderPlaced } from '../../testing/saga-fixture';
import type { SagaFixture } from '../../testing/saga-fixture';
import { stockLedger } from './stock-ledger';

describe('stockLedger', () => {
  let saga: SagaFixture;

  beforeAll(async () => {
    saga = await createSagaFixture();
  });
  afterAll(() => saga.close());

  it('counts a new product’s stock as received and available', async () => {
    const lamp = await saga.aProduct({ stock: 7 });
    expect(await stockLedger(saga.pool, lamp)).toEqual({ received: 7, available: 7, reserved: 0, sold: 0 });
  });

  it('adds a restock to both received and available', async () => {
    const lamp = await saga.aProduct({ stock: 7 });
    await restockProduct({ products: saga.products })(ADMIN, { id: lamp, quantity: 5 });
    expect(await stockLedger(saga.pool, lamp)).toEqual({ received: 12, available: 12, reserved: 0, sold: 0 });
  });

  it('tells reserved from sold units and leaves released ones out', async () => {
    const lamp = await saga.aProduct({ stock: 10 });
    const orders = [1, 2, 3].map((quantity) => orderPlaced([{ productId: lamp, quantity }]));
    for (const order of orders) await saga.handle(order);
    const [sold, released] = orders;
    if (!sold || !released) throw new Error('three orders were placed');
    await saga.handle(orderConfirmed(sold.aggregateId));
    await saga.handle(orderCancelled(released.aggregateId));
    // 1 sold, 2 released back into stock, 3 still reserved
    expect(await stockLedger(saga.pool, lamp)).toEqual({ received: 10, available: 6, reserved: 3, sold: 1 });
  });

  it('refuses a product that does not exist', async () => {
    await expect(stockLedger(saga.pool, newId())).rejects.toThrow(/No product/);
  });
});
