import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'pg';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { createLogger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import { createTestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { TestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { placeOrder } from './application/place-order';
import { PgOrderStore } from './adapters/prisma/pg-order-store';
import { loadOrdersConfig } from './config';
import { startOrdersService } from './service';
import { EVENT_SELECTION, follow, gatewayClient } from './testing/signed-subscriber';

const SECRET = 'orders-service-test-secret-0123456789abcdef';

describe('the orders service', () => {
  let database: TestDatabase;
  let pool: Pool;
  let service: RunningService;
  let bus: TestEventBus;

  beforeAll(async () => {
    database = await createTestDatabase('orders');
    pool = createServicePool(database.url, { max: 4 });
    const config = loadOrdersConfig({
      ORDERS_DATABASE_URL: database.url,
      ORDERS_PORT: '0',
      ORDERS_SIGNING_SECRET: SECRET,
    });
    bus = await createTestEventBus();
    service = await startOrdersService(config, createLogger('orders-service-test', 'silent'), { bus });
  });
  afterAll(async () => {
    await service.stop();
    await bus.close();
    await pool.end();
    await database.drop();
  });

  it('serves myOrderEvents over graphql-ws on its /graphql, and its stop ends the subscription', async () => {
    const customerId = newId();
    const identity: Identity = { kind: 'user', userId: customerId, role: 'CUSTOMER' };
    const client = gatewayClient(service.url.replace(/^http/, 'ws'), SECRET);
    const query = `subscription { myOrderEvents { ${EVENT_SELECTION} } }`;
    const live = follow(client, { query, identity, secret: SECRET });
    // the subscription is live once an order placed now reaches it; place until one does
    const store = new PgOrderStore(pool);
    const place = () =>
      placeOrder({ orders: store })(identity, {
        items: [{ productId: newId(), quantity: 1 }],
        paymentToken: 'tok_visa',
        idempotencyKey: newId(),
      });
    for (let attempt = 0; live.events.length === 0 && attempt < 50; attempt++) {
      await place();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(live.events[0]).toMatchObject({ type: 'PLACED', order: { status: 'PENDING' } });
    const started = Date.now();
    await service.stop();
    expect(await live.ended).toMatchObject({ kind: 'closed', code: 1001 });
    expect(Date.now() - started).toBeLessThan(3_000);
    await client.dispose();
  });
});
