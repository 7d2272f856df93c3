import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { DEAD_LETTER_REASONS } from './event-bus';
import type { DeadLetter, DeadLetterReason } from './event-bus';
import type { StreamNames } from './nats-streams';

// the message body stays the original bytes; what happened to it travels in headers
const HEADER = {
  consumer: 'Shop-Dead-Letter-Consumer',
  subject: 'Shop-Dead-Letter-Subject',
  reason: 'Shop-Dead-Letter-Reason',
  detail: 'Shop-Dead-Letter-Detail',
  deliveries: 'Shop-Dead-Letter-Deliveries',
} as const;

// a header value is one line; a long zod report is cut, the original message is kept whole
const headerValue = (text: string) => text.replaceAll(/\s+/g, ' ').slice(0, 2_000);

/**
 * Stores `letter` on `shop-dlq.<consumer>.<type>`. Its ID is the consumer and stream sequence,
 * so a dead letter stored again after a crash is dropped as a duplicate.
 */
export async function publishDeadLetter(
  js: JetStreamClient,
  names: StreamNames,
  dead: { readonly letter: Omit<DeadLetter, 'id'>; readonly streamSequence: number },
): Promise<void> {
  const { letter, streamSequence } = dead;
  const values = { ...letter, deliveries: String(letter.deliveries) };
  const h = headers();
  for (const key of Object.keys(HEADER) as (keyof typeof HEADER)[]) h.set(HEADER[key], headerValue(values[key]));
  const prefix = `${names.namespace}.`;
  const tail = letter.subject.startsWith(prefix) ? letter.subject.slice(prefix.length) : letter.subject;
  await js.publish(`${names.deadLetterNamespace}.${letter.consumer}.${tail}`, letter.data, {
    msgID: `${letter.consumer}:${streamSequence}`,
    headers: h,
    expect: { streamName: names.deadLetterStream },
  });
}

/** Every dead letter of the namespace, oldest first: for operators and tests, not for hot paths. */
export async function readDeadLetters(jsm: JetStreamManager, names: StreamNames): Promise<DeadLetter[]> {
  const { state } = await jsm.streams.info(names.deadLetterStream);
  const letters: DeadLetter[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    // a replayed letter was deleted: its sequence is a gap
    const stored = await jsm.streams.getMessage(names.deadLetterStream, { seq }).catch(() => null);
    if (stored) letters.push(toDeadLetter(stored));
  }
  return letters;
}

/**
 * Publishes dead letter `id` (its DLQ sequence) again on its original subject, under a new
 * message ID (`replay:<consumer>:<seq>`, so the stream does not drop it as a duplicate of the
 * original, and a replay repeated after a crash is stored once), then deletes it from the DLQ.
 * Every consumer of that type receives it again; those that handled it skip it by its event ID.
 */
export async function replayDeadLetter(
  nats: { readonly js: JetStreamClient; readonly jsm: JetStreamManager; readonly names: StreamNames },
  id: string,
): Promise<boolean> {
  const { js, jsm, names } = nats;
  const seq = Number(id);
  if (!Number.isSafeInteger(seq) || seq < 1) return false;
  const stored = await jsm.streams.getMessage(names.deadLetterStream, { seq }).catch(() => null);
  if (!stored) return false;
  const letter = toDeadLetter(stored);
  await js.publish(letter.subject, letter.data, {
    msgID: `replay:${letter.consumer}:${seq}`,
    expect: { streamName: names.stream },
  });
  await jsm.streams.deleteMessage(names.deadLetterStream, seq);
  return true;
}

function toDeadLetter(stored: StoredMsg): DeadLetter {
  const read = (key: keyof typeof HEADER) => stored.header.get(HEADER[key]);
  return {
    id: String(stored.seq),
    consumer: read('consumer'),
    subject: read('subject'),
    reason: asReason(read('reason')),
    detail: read('detail'),
    deliveries: Number(read('deliveries')),
    data: stored.data,
  };
}

// only publishDeadLetter writes these headers; the fallback covers a hand-made message
const asReason = (value: string): DeadLetterReason =>
  DEAD_LETTER_REASONS.find((reason) => reason === value) ?? 'malformed_envelope';
