import { checkEnvelope, eventEnvelopeSchema } from '@shopgraph/events/envelope';
import type { EnvelopeCheck, EventEnvelope } from '@shopgraph/events/envelope';

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
