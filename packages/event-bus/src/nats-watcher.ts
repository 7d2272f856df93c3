import { DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { compare, parseSemVer } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventSubject } from '@shopgraph/events/event-subject';
import type { Subscription } from './event-bus';
import type { StreamNames } from './nats-streams';
import type { PreparedWatcher } from './watcher';

export interface NatsWatcherOptions {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly names: StreamNames;
  readonly watcher: PreparedWatcher;
}

/**
 * Runs one watch as an ordered consumer: ephemeral, in memory, nothing acknowledged. The client
 * recreates it from the last stream sequence it saw whenever it goes missing (a server restart),
 * so the feed goes on without gaps or repeats.
 */
export async function startNatsWatcher(options: NatsWatcherOptions): Promise<Subscription> {
  const { js, jsm, names, watcher } = options;
  // not DeliverPolicy.New: the client recreates the consumer from the last sequence it
  // delivered, which is 0 until a first event arrives, so a restart before then would replay
  // the whole stream. Starting at an explicit sequence gives the client that position instead.
  const { state } = await jsm.streams.info(names.stream);
  const consumer = await js.consumers.get(names.stream, {
    filter_subjects: filterFor(options),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: state.last_seq + 1,
  });
  const messages = await consumer.consume();
  const loop = (async () => {
    for await (const msg of messages) await watcher.deliver({ subject: msg.subject, data: msg.data });
  })().catch((error: unknown) => watcher.logger.error({ err: error }, 'watch stopped on an error'));
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        await messages.close();
        await loop;
        // the server would drop it after 5 idle minutes anyway; free it now
        await consumer.delete().catch(() => false);
      })()),
  };
}

/** The subjects of the watched types, in one filter when the server can hold several. */
function filterFor({ nc, names, watcher }: NatsWatcherOptions): string | string[] {
  const subjects = watcher.types.map((type) => eventSubject(type, names.namespace));
  if (subjects.length === 1 && subjects[0]) return subjects[0];
  // nats-server 2.9 takes one filter subject: read the namespace, the watcher skips other types
  const version = parseSemVer(nc.info?.version ?? '0.0.0');
  return compare(version, parseSemVer('2.10.0')) >= 0 ? subjects : `${names.namespace}.>`;
}
