import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNatsEventBus } from './nats-event-bus';
import { findNatsServer, startNatsServer } from './nats-server-process';
import type { RunningNatsServer } from './nats-server-process';
import { note, noted, pinged, watchRecord } from './testing/contract-fixtures';
import { untilAccepted } from './testing/until-accepted';
import { waitFor } from '@shopgraph/service-kit/wait-for';

const binary = findNatsServer();
const title = 'NATS JetStream adapter, watch';
const quiet = pino({ level: 'silent' });
const ping = () => pinged.create({ aggregateId: 'a', payload: {} });

// the watch cases every adapter owes are in the contract suite; these need processes and restarts
describe.skipIf(!binary)(binary ? title : `${title} (skipped: nats-server not on PATH)`, () => {
  let dataDir = '';
  let server: RunningNatsServer | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-nats-watch-'));
    server = await startNatsServer({ dataDir, ...(binary && { binary }) });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives each event to the watchers of every process', async () => {
    if (!server) throw new Error('nats-server is not running');
    // two buses, two connections: what two replicas of a service would have
    const buses = await Promise.all(
      ['replica-a', 'replica-b'].map((name) =>
        createNatsEventBus({ servers: server?.url ?? '', namespace: 'fanout', connectionName: name, logger: quiet }),
      ),
    );
    try {
      const watchers = await Promise.all(buses.map((bus) => watchRecord(bus, { events: [noted] })));
      const events = [note(1), note(2), note(3)];
      for (const [n, event] of events.entries()) await buses[n % 2]?.publish(event);
      await waitFor(() => watchers.every((watcher) => watcher.received.length === 3), { what: 'both replicas' });
      for (const watcher of watchers) expect(watcher.ids()).toEqual(events.map((event) => event.id));
    } finally {
      await Promise.all(buses.map((bus) => bus.close()));
    }
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`keeps a watch going across a nats-server ${signal} and a restart, without repeats or older events`, async () => {
      const storeDir = await mkdtemp(join(tmpdir(), 'shopgraph-nats-watch-restart-'));
      let restartable = await startNatsServer({ dataDir: storeDir, ...(binary && { binary }) });
      const bus = await createNatsEventBus({ servers: restartable.url, namespace: 'restart', logger: quiet });
      try {
        const olderPing = ping();
        await bus.publish(olderPing);
        // one watcher has had an event before the restart, the other none yet
        const busy = await watchRecord(bus, { events: [noted] });
        const fresh = await watchRecord(bus, { events: [pinged] });
        const beforeRestart = note(1);
        await bus.publish(beforeRestart);
        await waitFor(() => busy.received.length === 1, { what: 'the first event' });

        await restartable.stop(signal);
        restartable = await startNatsServer({ dataDir: storeDir, port: restartable.port, ...(binary && { binary }) });

        const [laterNote, laterPing] = [note(2), ping()];
        await untilAccepted(() => bus.publish(laterNote));
        await bus.publish(laterPing);
        await waitFor(() => busy.ids().includes(laterNote.id) && fresh.ids().includes(laterPing.id), {
          what: 'the events published after the restart',
          timeout: 45_000,
        });
        expect(busy.ids()).toEqual([beforeRestart.id, laterNote.id]);
        expect(fresh.ids()).toEqual([laterPing.id]);
      } finally {
        await bus.close();
        await restartable.stop();
        await rm(storeDir, { recursive: true, force: true });
      }
    }, 90_000);
  }
});
