import { z } from 'zod';

/**
 * An event type is dot-separated lowercase words (`order.placed`): it becomes the tail of a
 * broker subject, so wildcards, spaces and empty tokens are refused here, not by the broker.
 */
const eventType = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)*$/, 'must be dot-separated lowercase words');

/**
 * What every event carries, whatever its type. The payload is checked separately, against the
 * contract of its `type` and `version`. Unknown top-level fields are dropped, not refused, so a
 * newer producer may add envelope fields without breaking older consumers.
 */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: eventType,
  version: z.number().int().min(1),
  /** ISO-8601 in UTC (`Z`), as `Date.prototype.toISOString` writes it; offsets are refused. */
  occurredAt: z.iso.datetime(),
  aggregateId: z.string().min(1),
  payload: z.unknown(),
  /**
   * The W3C trace context of the span that published the event (decision 0031), so its
   * consumers continue the trace. Optional; one that is not well formed is dropped, never a
   * reason to refuse the event.
   */
  traceContext: z
    .object({
      traceparent: z.string().regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/),
      tracestate: z.string().max(512).optional(),
    })
    .optional()
    .catch(undefined),
});

export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export type EnvelopeCheck =
  | { readonly ok: true; readonly envelope: EventEnvelope }
  | { readonly ok: false; readonly problem: string };

/** Checks something received as an envelope, without throwing: a bad message must not stop a reader. */
export function checkEnvelope(candidate: unknown): EnvelopeCheck {
  const parsed = eventEnvelopeSchema.safeParse(candidate);
  return parsed.success ? { ok: true, envelope: parsed.data } : { ok: false, problem: z.prettifyError(parsed.error) };
}
