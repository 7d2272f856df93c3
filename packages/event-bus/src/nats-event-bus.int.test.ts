import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { compare, connect, parseSemVer } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBusContract } from './event-bus-contract';
import { createNatsEventBus } from './nats-event-bus';
import { note, noted, record } from './testing/contract-fixtures';
import { findNatsServer, startNatsServer } from './nats-server-process';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { RunningNatsServer } from './nats-server-process';
import { untilAccepted } from './testing/until-accepted';

const binary = findNatsServer();
const title = 'NATS JetStream adapter';
const quiet = pino({ level: 'silent' });

describe.skipIf(!binary)(binary ? title : `${title} (skipped: nats-server not on PATH)`, () => {
  let dataDir = '';
  let server: RunningNatsServer | undefined;
  let namespaces = 0;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-nats-'));
    server = await startNatsServer({ dataDir, ...(binary && { binary }) });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  eventBusContract(title, async (options) => {
    if (!server) throw new Error('nats-server is not running');
    // a namespace (streams and subjects) per test: no test sees another's events
    const namespace = `t${process.pid}-${++namespaces}`;
    const url = server.url;
    const open = () => createNatsEventBus({ ...options, servers: url, namespace });
    const bus = await open();
    const opened = [bus];
    const raw = await connect({ servers: url });
    const js = jetstream(raw);
    return {
      bus,
      publishRaw: async (type, data) => void (await js.publish(`${namespace}.${type}`, data)),
      reopen: async () => {
        const again = await open();
        opened.push(again);
        return again;
      },
      teardown: async () => {
        await Promise.all(opened.map((each) => each.close()));
        await raw.close();
      },
    };
  });

  it('starts nats-server with fsync on every write exactly when the server version supports it', async () => {
    if (!server) throw new Error('nats-server is not running');
    const nc = await connect({ servers: server.url });
    const version = nc.info?.version ?? '0.0.0';
    await nc.close();
    const config = await readFile(join(dataDir, 'nats-server.conf'), 'utf8');
    expect(server.syncAlways).toBe(compare(parseSemVer(version), parseSemVer('2.10.0')) >= 0);
    expect(config.includes('sync_interval: always')).toBe(server.syncAlways);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`keeps acknowledged events across a nats-server ${signal} and a restart on the same store`, async () => {
      const storeDir = await mkdtemp(join(tmpdir(), 'shopgraph-nats-restart-'));
      let restartable = await startNatsServer({ dataDir: storeDir, ...(binary && { binary }) });
      // an acknowledgement lost with the server is redelivered after ackWait: keep that wait short
      const bus = await createNatsEventBus({
        servers: restartable.url,
        namespace: 'restart',
        ackWait: 2_000,
        logger: quiet,
      });
      try {
        const live = await record(bus, { consumer: 'live', events: [noted] });
        const away = await record(bus, { consumer: 'away', events: [noted] });
        const handled = note(1);
        await bus.publish(handled);
        await waitFor(() => away.received.length === 1, { what: 'the first event' });
        await away.subscription.stop();
        const unhandled = [note(2), note(3)];
        for (const event of unhandled) await bus.publish(event);
        await waitFor(() => live.received.length === 3, { what: 'the live consumer to handle three events' });

        await restartable.stop(signal);
        restartable = await startNatsServer({ dataDir: storeDir, port: restartable.port, ...(binary && { binary }) });

        // the same bus: the client reconnects by itself; what was asked meanwhile may time out, as
        // a relay's publish would, and is asked again
        const back = await untilAccepted(() => record(bus, { consumer: 'away', events: [noted] }));
        const later = note(4);
        await untilAccepted(() => bus.publish(later));
        const ids = [...unhandled, later].map((event) => event.id);
        await waitFor(() => ids.every((id) => back.ids().includes(id)), { what: 'the events it had not handled' });
        // SIGKILL may cost the last acknowledgement (redelivered: at least once), never an event
        const redelivered = signal === 'SIGKILL' ? [handled.id] : [];
        expect(back.ids().filter((id) => !redelivered.includes(id))).toEqual(ids);
        // a subscription that lived through the restart goes on receiving
        await waitFor(() => live.ids().includes(later.id), { what: 'the live consumer to get the later event' });
        expect(new Set(live.ids())).toEqual(new Set([handled, ...unhandled, later].map((event) => event.id)));
      } finally {
        await bus.close();
        await restartable.stop();
        await rm(storeDir, { recursive: true, force: true });
      }
    });
  }
});
