import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from './define-event';
import { checkEnvelope, eventEnvelopeSchema } from './envelope';

const parcelShipped = defineEvent({
  type: 'parcel.shipped',
  version: 1,
  payload: z.object({ parcelId: z.uuid(), weightGrams: z.number().int() }),
});
const parcelId = '0b5a3c1e-8d6f-4f2a-9c1b-2e3d4f5a6b7c';

describe('defineEvent', () => {
  it('creates an envelope that survives a JSON round trip unchanged', () => {
    const event = parcelShipped.create({ aggregateId: parcelId, payload: { parcelId, weightGrams: 1200 } });
    const received = eventEnvelopeSchema.parse(JSON.parse(JSON.stringify(event)));
    expect(received).toEqual(event);
    expect(parcelShipped.parse(received.payload)).toEqual({ parcelId, weightGrams: 1200 });
  });

  it('fills in a new UUID and the current time in UTC', () => {
    const event = parcelShipped.create({ aggregateId: parcelId, payload: { parcelId, weightGrams: 1 } });
    expect(eventEnvelopeSchema.shape.id.safeParse(event.id).success).toBe(true);
    expect(event.occurredAt).toMatch(/Z$/);
    expect(event).toMatchObject({ type: 'parcel.shipped', version: 1, aggregateId: parcelId });
  });

  it('keeps a given id and time, which an outbox relay republishes unchanged', () => {
    const id = '5d1c9a4e-3b2f-4e6a-8c7d-9e0f1a2b3c4d';
    const occurredAt = new Date('2025-01-02T03:04:05.678Z');
    const event = parcelShipped.create({ id, occurredAt, aggregateId: 'p', payload: { parcelId, weightGrams: 1 } });
    expect(event).toMatchObject({ id, occurredAt: '2025-01-02T03:04:05.678Z' });
  });

  it('ignores payload fields the contract does not declare', () => {
    expect(parcelShipped.parse({ parcelId, weightGrams: 5, carrier: 'added in a later release' })).toEqual({
      parcelId,
      weightGrams: 5,
    });
  });

  it('refuses a payload that breaks the contract, when creating and when parsing', () => {
    const payload = { parcelId, weightGrams: 1.5 };
    // @ts-expect-error a string where the contract wants a number is caught by the compiler too
    expect(() => parcelShipped.create({ aggregateId: parcelId, payload: { parcelId, weightGrams: '5' } })).toThrow();
    expect(() => parcelShipped.create({ aggregateId: parcelId, payload })).toThrow(z.ZodError);
    expect(() => parcelShipped.parse({ parcelId })).toThrow(z.ZodError);
  });

  it('refuses an envelope field that is malformed', () => {
    const payload = { parcelId, weightGrams: 1 };
    expect(() => parcelShipped.create({ id: 'not-a-uuid', aggregateId: parcelId, payload })).toThrow(z.ZodError);
    expect(() => parcelShipped.create({ aggregateId: '', payload })).toThrow(z.ZodError);
  });

  it('refuses at definition time a type that cannot be a subject, or a version below 1', () => {
    const payload = z.object({});
    expect(() => defineEvent({ type: 'order.*', version: 1, payload })).toThrow();
    expect(() => defineEvent({ type: 'Order Placed', version: 1, payload })).toThrow();
    expect(() => defineEvent({ type: 'order.placed', version: 0, payload })).toThrow();
  });
});

describe('the event envelope', () => {
  const envelope = {
    id: '5d1c9a4e-3b2f-4e6a-8c7d-9e0f1a2b3c4d',
    type: 'parcel.shipped',
    version: 1,
    occurredAt: '2025-01-02T03:04:05.678Z',
    aggregateId: parcelId,
    payload: {},
  };

  it('accepts UTC timestamps only', () => {
    expect(eventEnvelopeSchema.safeParse(envelope).success).toBe(true);
    expect(eventEnvelopeSchema.safeParse({ ...envelope, occurredAt: '2025-01-02T04:04:05+01:00' }).success).toBe(false);
    expect(eventEnvelopeSchema.safeParse({ ...envelope, occurredAt: 'yesterday' }).success).toBe(false);
  });

  it('drops envelope fields it does not know instead of refusing the event', () => {
    expect(eventEnvelopeSchema.parse({ ...envelope, traceId: 'abc' })).toEqual(envelope);
  });

  it('says what is wrong with an envelope instead of throwing', () => {
    expect(checkEnvelope(envelope)).toEqual({ ok: true, envelope });
    const checked = checkEnvelope({ ...envelope, version: 0, id: 'x' });
    expect(checked).toMatchObject({ ok: false, problem: expect.stringMatching(/version[\s\S]*id|id[\s\S]*version/) });
  });
});
