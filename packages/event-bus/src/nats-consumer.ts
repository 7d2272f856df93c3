import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { ConsumerConfig, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { eventSubject } from '@shopgraph/events/event-subject';
import type { PreparedConsumer, Verdict } from './delivery';
import type { Subscription } from './event-bus';
import { publishDeadLetter } from './nats-dead-letters';
import type { StreamNames } from './nats-streams';

/** Deliveries past maxDeliveries left to store a dead letter when the broker refuses it at first. */
const DEAD_LETTER_ATTEMPTS = 5;

export interface NatsConsumerOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly names: StreamNames;
  readonly consumer: PreparedConsumer;
  /** Milliseconds before the server redelivers an unacknowledged message. */
  readonly ackWait: number;
}

/** Runs one durable pull consumer: one message in flight, acknowledged after its handler. */
export async function startNatsConsumer(options: NatsConsumerOptions): Promise<Subscription> {
  const { js, names, consumer } = options;
  const subjects = new Set(consumer.types.map((type) => eventSubject(type, names.namespace)));
  await ensureConsumer(options);
  const messages = await (await js.consumers.get(names.stream, consumer.name)).consume({ max_messages: 1 });
  let stopping = false;
  const loop = (async () => {
    for await (const msg of messages) {
      // pulled after stop was asked for: hand it back at once rather than after ack_wait
      if (stopping) msg.nak();
      // the filter is the whole namespace (see ensureConsumer): other types are acknowledged unread
      else if (!subjects.has(msg.subject)) msg.ack();
      else await handleMessage(msg, options);
    }
  })().catch((error: unknown) => consumer.logger.error({ err: error }, 'consumer stopped on an error'));
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        await messages.close();
        await loop;
      })()),
  };
}

async function ensureConsumer(options: NatsConsumerOptions): Promise<void> {
  const { jsm, names, consumer, ackWait } = options;
  const settings = {
    ack_wait: nanos(ackWait),
    max_deliver: consumer.maxDeliveries + DEAD_LETTER_ATTEMPTS,
    // one unacknowledged message at a time keeps publish order through retries, even across replicas
    max_ack_pending: 1,
    // the whole namespace, filtered by type in the client: nats-server 2.9 loses a durable's
    // position when its filter changes, and a release may well change the types it reads
    filter_subject: `${names.namespace}.>`,
  } satisfies Partial<ConsumerConfig>;
  try {
    await jsm.consumers.info(names.stream, consumer.name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
    const created = { ...settings, durable_name: consumer.name, ack_policy: AckPolicy.Explicit };
    await jsm.consumers.add(names.stream, { ...created, deliver_policy: DeliverPolicy.All });
    return;
  }
  await jsm.consumers.update(names.stream, consumer.name, settings);
}

async function handleMessage(msg: JsMsg, options: NatsConsumerOptions): Promise<void> {
  const { consumer, ackWait } = options;
  const delivery = { subject: msg.subject, data: msg.data, deliveries: msg.info.deliveryCount };
  // a slow handler is not a dead one: keep the server from redelivering while it works
  const heartbeat = setInterval(() => msg.working(), Math.max(ackWait / 3, 500));
  let verdict: Verdict;
  try {
    verdict = await consumer.deliver(delivery);
  } finally {
    clearInterval(heartbeat);
  }
  if (verdict.kind === 'acknowledge') return msg.ack();
  if (verdict.kind === 'retry') return msg.nak(verdict.delay);
  try {
    const { reason, detail } = verdict;
    const letter = { ...delivery, consumer: consumer.name, reason, detail };
    await publishDeadLetter(options.js, options.names, { letter, streamSequence: msg.info.streamSequence });
    msg.term();
  } catch (error) {
    // left unacknowledged it comes back, is judged again, and its dead letter is stored then;
    // past maxDeliveries it goes straight there, so a failing handler does not run again
    consumer.logger.error({ err: error, subject: msg.subject }, 'could not store a dead letter, will retry');
    msg.nak(1_000);
  }
}
