import { checkEnvelope, eventEnvelopeSchema } from '@shopgraph/events/envelope';
import type { EnvelopeCheck, EventEnvelope } from '@shopgraph/events/envelope';
import type { AnyEventContract, EventOf } from '@shopgraph/events/define-event';
import type { EventRegistry, UnreadableReason } from '@shopgraph/events/event-registry';

const encoder = new TextEncoder();
// fatal: bytes that are not UTF-8 are malformed, not silently replaced
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The wire form of an event: its envelope as UTF-8 JSON. Refuses an envelope that is not valid. */
export function encodeEnvelope(event: EventEnvelope): Uint8Array {
  return encoder.encode(JSON.stringify(eventEnvelopeSchema.parse(event)));
}

/** Reads whatever arrived; never throws, because a bad message must not stop a consumer. */
export function decodeEnvelope(data: Uint8Array): EnvelopeCheck {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch (error) {
    return { ok: false, problem: `not UTF-8 JSON: ${String(error)}` };
  }
  return checkEnvelope(json);
}

/** What a reader makes of a message: an event it reads, one of a type it does not, or neither. */
export type ReadMessage<Contract extends AnyEventContract> =
  | { readonly kind: 'event'; readonly event: EventOf<Contract> }
  | { readonly kind: 'other_type' }
  | {
      readonly kind: 'unreadable';
      readonly reason: 'malformed_envelope' | Exclude<UnreadableReason, 'unknown_type'>;
      readonly detail: string;
    };

/** Decodes a message and reads it with `registry`; never throws, as {@link decodeEnvelope}. */
export function readMessage<Contract extends AnyEventContract>(
  registry: EventRegistry<Contract>,
  data: Uint8Array,
): ReadMessage<Contract> {
  const decoded = decodeEnvelope(data);
  if (!decoded.ok) return { kind: 'unreadable', reason: 'malformed_envelope', detail: decoded.problem };
  const read = registry.decode(decoded.envelope);
  if (read.ok) return { kind: 'event', event: read.event };
  if (read.reason === 'unknown_type') return { kind: 'other_type' };
  return { kind: 'unreadable', reason: read.reason, detail: read.detail };
}

/**
 * The aggregate an encoded event belongs to, read without checking the rest: it only picks
 * the event's lane. `undefined` for bytes that are no envelope; the consumer dead-letters those.
 */
export function peekAggregateId(data: Uint8Array): string | undefined {
  try {
    const json: unknown = JSON.parse(decoder.decode(data));
    const aggregateId = typeof json === 'object' && json !== null ? Reflect.get(json, 'aggregateId') : undefined;
    return typeof aggregateId === 'string' ? aggregateId : undefined;
  } catch {
    return undefined;
  }
}
