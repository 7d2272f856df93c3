import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from './define-event';
import { createEventRegistry } from './event-registry';

const v1 = defineEvent({ type: 'parcel.shipped', version: 1, payload: z.object({ grams: z.number() }) });
const v2 = defineEvent({ type: 'parcel.shipped', version: 2, payload: z.object({ kilograms: z.number() }) });
const lost = defineEvent({ type: 'parcel.lost', version: 1, payload: z.object({}) });
const aggregateId = 'parcel-1';

describe('an event registry', () => {
  it('decodes an event with the contract of its type and version', () => {
    const registry = createEventRegistry([v1, v2]);
    const decoded = registry.decode(v2.create({ aggregateId, payload: { kilograms: 2 } }));
    expect(decoded).toMatchObject({
      ok: true,
      event: { type: 'parcel.shipped', version: 2, payload: { kilograms: 2 } },
    });
  });

  it('detects a version it cannot read', () => {
    const decoded = createEventRegistry([v1]).decode(v2.create({ aggregateId, payload: { kilograms: 2 } }));
    expect(decoded).toMatchObject({ ok: false, reason: 'unsupported_version' });
  });

  it('tells an unknown type from an unknown version', () => {
    const decoded = createEventRegistry([v1]).decode(lost.create({ aggregateId, payload: {} }));
    expect(decoded).toMatchObject({ ok: false, reason: 'unknown_type' });
  });

  it('refuses a payload that does not match the contract and says why', () => {
    const event = { ...v1.create({ aggregateId, payload: { grams: 1 } }), payload: { grams: 'heavy' } };
    const decoded = createEventRegistry([v1]).decode(event);
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid_payload', detail: expect.stringContaining('grams') });
  });

  it('lists each type once and refuses a contract registered twice', () => {
    expect(createEventRegistry([v1, v2, lost]).types).toEqual(['parcel.shipped', 'parcel.lost']);
    expect(() => createEventRegistry([v1, v1])).toThrow(/registered twice/);
  });
});
