import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { createSeededDatabases } from '@shopgraph/test-kit/seeded-databases';
import type { SeededDatabases } from '@shopgraph/test-kit/seeded-databases';
import { TEST_ENV } from '@shopgraph/test-kit/test-stack';
import { exitOf, stopProcess } from '@shopgraph/service-kit/child-process';
import { portOf, startServiceProcess } from '../service-process';
import { SUBGRAPH_NAMES, databaseUrlVariable } from '../subgraph-names';
import { SagaProbe } from '../testing/saga-probe';
import { expectConfirmedExactlyOnce, orderOneUnit, placeUntilAnswered } from '../testing/saga-scenarios';
import type { ShopSession } from '../testing/saga-scenarios';

// `npm start` runs every service in ONE process on one Postgres bus (here, with every database
// external, in the orders database): these tests kill that process at each failpoint and start it again.
describe('the order saga survives a crash of the one-process stack (Postgres bus)', () => {
  let databases: SeededDatabases;
  /** 0 until the first process announced its port; a restart listens there again. */
  let port = 0;
  let stack: ChildProcess | undefined;
  let session: ShopSession;

  async function startStackProcess(extraEnv: Record<string, string> = {}): Promise<void> {
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [databaseUrlVariable(name), databases.urls[name]]));
    const started = await startServiceProcess({
      workspace: 'stack',
      env: { ...TEST_ENV, ...urls, GATEWAY_PORT: String(port), ...extraEnv },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    stack = started.child;
    port = portOf(started.url);
  }

  beforeAll(async () => {
    databases = await createSeededDatabases();
    await startStackProcess();
    const url = `http://127.0.0.1:${port}/graphql`;
    const [customer, admin] = await Promise.all([logInAsCustomer(url), logInAsAdmin(url)]);
    session = { url, customer, admin, probe: new SagaProbe(databases.urls) };
  }, 240_000);
  afterAll(async () => {
    await session?.probe.close();
    if (stack) await stopProcess(stack);
    await databases?.drop();
  });

  async function orderThroughCrash(failpoint: string) {
    const { productId, input } = await orderOneUnit(session);
    if (stack) await stopProcess(stack);
    await startStackProcess({ FAILPOINT: failpoint });
    const crashing = stack;
    const placing = placeUntilAnswered(session, input);
    expect(crashing && (await exitOf(crashing))).toBe('SIGKILL');
    await startStackProcess();
    const orderId = await placing;
    await expectConfirmedExactlyOnce(session, { orderId, productId, stock: 5 });
  }

  it('loses no event when the process dies between committing an order and publishing it', () =>
    orderThroughCrash('before-publish:order.placed'));

  it('loses no event when the process dies between committing a reservation and publishing it', () =>
    orderThroughCrash('before-publish:stock.reserved'));

  it('loses no event and applies none twice when the process dies between a commit and its ack', () =>
    orderThroughCrash('before-ack:order.placed'));

  it('charges once when the process dies between committing the capture and acking the event', () =>
    orderThroughCrash('before-ack:stock.reserved'));
});
