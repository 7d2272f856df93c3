import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresEventBus } from '@shopgraph/event-bus/postgres-event-bus';
import type { PostgresEventBus } from '@shopgraph/event-bus/postgres-event-bus';
import { note, noted } from '@shopgraph/event-bus/testing/contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { createTestBusDatabase } from '@shopgraph/test-kit/test-bus-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';

const cli = fileURLToPath(new URL('./dead-letters.ts', import.meta.url));
const run = async (databaseUrl: string, ...args: string[]) =>
  (
    await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, EVENT_BUS: 'postgres', EVENT_BUS_DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    })
  ).stdout;

describe('npm run dead-letters', () => {
  let database: TestDatabase;
  let bus: PostgresEventBus;
  let refusing = true;
  const handled: string[] = [];
  const poison = note(1);

  beforeAll(async () => {
    database = await createTestBusDatabase();
    bus = await createPostgresEventBus({
      databaseUrl: database.url,
      maxDeliveries: 1,
      pollIntervalMs: 50,
      logger: pino({ level: 'silent' }),
    });
    await bus.subscribe({
      consumer: 'cli-reader',
      events: [noted],
      handle: async (event) => {
        if (refusing) throw new Error('not yet');
        handled.push(event.id);
      },
    });
    await bus.publish(poison);
    await waitFor(async () => (await bus.deadLetters()).length === 1, { what: 'the dead letter' });
  });
  afterAll(async () => {
    await bus?.close();
    await database?.drop();
  });

  it('lists the dead letters, then replays one to its consumer, which handles it', async () => {
    const listed = await run(database.url, 'list');
    expect(listed).toContain('cli-reader');
    expect(listed).toContain('handler_failed');
    expect(listed).toContain('1 dead letter(s) waiting');
    const [letter] = await bus.deadLetters();
    refusing = false;
    expect(await run(database.url, 'replay', letter?.id ?? '')).toContain('1 of 1 dead letter(s) handed back');
    await waitFor(() => handled.includes(poison.id), { what: 'the replayed event' });
    expect(await run(database.url, 'list')).toContain('0 dead letter(s) waiting');
  });
});
