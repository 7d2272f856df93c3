import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { ConsumerConfig, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { eventSubject } from '@shopgraph/events/event-subject';
import type { PreparedConsumer, Verdict } from './delivery';
import { peekAggregateId } from './envelope-codec';
import type { Subscription } from './event-bus';
import { createLanes } from './lanes';
import { sleep } from '@shopgraph/service-kit/waker';
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
  /** Aggregates handled at the same time. */
  readonly concurrency: number;
  /** Messages unacknowledged at once (the server's `max_ack_pending`). */
  readonly readAhead: number;
}

/**
 * Runs one durable pull consumer: messages go through per-aggregate lanes (by the envelope's
 * `aggregateId`), each acknowledged after its handler, at most `readAhead` unacknowledged.
 */
export async function startNatsConsumer(options: NatsConsumerOptions): Promise<Subscription> {
  const { js, names, consumer, concurrency, readAhead } = options;
  const subjects = new Set(consumer.types.map((type) => eventSubject(type, names.namespace)));
  await ensureConsumer(options);
  const messages = await (await js.consumers.get(names.stream, consumer.name)).consume({ max_messages: readAhead });
  const abort = new AbortController();
  const context = { ...options, stopping: abort.signal };
  const lanes = createLanes<JsMsg>({ concurrency, readAhead, handle: (msg) => handleMessage(msg, context) });
  let stopping = false;
  const loop = (async () => {
    for await (const msg of messages) {
      // pulled after stop was asked for: hand it back at once rather than after ack_wait
      if (stopping) msg.nak();
      // the filter is the whole namespace (see ensureConsumer): other types are acknowledged unread
      else if (!subjects.has(msg.subject)) msg.ack();
      // an unreadable envelope gets a lane of its own, and the core dead-letters it there
      else await lanes.push(peekAggregateId(msg.data) ?? `seq:${msg.info.streamSequence}`, msg);
    }
  })().catch((error: unknown) => consumer.logger.error({ err: error }, 'consumer stopped on an error'));
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        abort.abort();
        await messages.close();
        await loop;
        // what was pulled but never started goes back at once rather than after ack_wait
        for (const msg of await lanes.stop()) msg.nak();
      })()),
  };
}

async function ensureConsumer(options: NatsConsumerOptions): Promise<void> {
  const { jsm, names, consumer, ackWait } = options;
  const settings = {
    ack_wait: nanos(ackWait),
    max_deliver: consumer.maxDeliveries + DEAD_LETTER_ATTEMPTS,
    // bounds what one process holds unacknowledged; the lanes keep each aggregate in order
    max_ack_pending: options.readAhead,
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

async function handleMessage(msg: JsMsg, options: NatsConsumerOptions & { stopping: AbortSignal }): Promise<void> {
  const { consumer, ackWait } = options;
  // a slow handler is not a dead one: keep the server from redelivering while it works
  msg.working();
  const heartbeat = setInterval(() => msg.working(), Math.max(ackWait / 3, 500));
  let outcome: { verdict: Verdict; deliveries: number } | undefined;
  try {
    outcome = await deliverHoldingTheLane(msg, options);
  } finally {
    clearInterval(heartbeat);
  }
  // stopped during a retry's wait: hand it back for a later delivery
  if (!outcome) return msg.nak();
  const { verdict, deliveries } = outcome;
  if (verdict.kind === 'acknowledge') return msg.ack();
  if (verdict.kind === 'retry') return msg.nak(verdict.delay);
  try {
    const { reason, detail } = verdict;
    const letter = { subject: msg.subject, data: msg.data, deliveries, consumer: consumer.name, reason, detail };
    await publishDeadLetter(options.js, options.names, { letter, streamSequence: msg.info.streamSequence });
    msg.term();
  } catch (error) {
    // left unacknowledged it comes back, is judged again, and its dead letter is stored then;
    // past maxDeliveries it goes straight there, so a failing handler does not run again
    consumer.logger.error({ err: error, subject: msg.subject }, 'could not store a dead letter, will retry');
    msg.nak(1_000);
  }
}

/**
 * Retries in the lane, not by `nak`: a nak'd message would come back after later events of its
 * aggregate. The count goes on from the server's, so a redelivery after a crash keeps counting.
 */
async function deliverHoldingTheLane(
  msg: JsMsg,
  options: NatsConsumerOptions & { stopping: AbortSignal },
): Promise<{ verdict: Verdict; deliveries: number } | undefined> {
  for (let deliveries = msg.info.deliveryCount; ; deliveries++) {
    const verdict = await options.consumer.deliver({ subject: msg.subject, data: msg.data, deliveries });
    if (verdict.kind !== 'retry') return { verdict, deliveries };
    await sleep(verdict.delay, options.stopping);
    if (options.stopping.aborted) return undefined;
  }
}
