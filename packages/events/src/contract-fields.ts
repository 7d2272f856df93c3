import { z } from 'zod';

/** IDs are UUIDs owned by the service that created the entity (decision 0008). */
export const entityId = z.uuid();

/** Money is an integer amount of the currency's minor unit (cents): no floating point on the wire. */
export const minorUnits = z.number().int().nonnegative();

/** ISO 4217 code, upper case. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');

export const quantity = z.number().int().positive();

/** An order line as the order service recorded it. */
export const orderedLine = z.object({ productId: entityId, quantity });
