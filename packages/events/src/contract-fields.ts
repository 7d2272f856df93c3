import { z } from 'zod';

/** IDs are UUIDs owned by the service that created the entity (decision 0008). */
export const entityId = z.uuid();

/**
 * Money is an integer amount of the currency's minor unit (cents): no floating point on the
 * wire. Any safe integer up to 2^53 − 1 (decision 0022): the bound is explicit so that it does
 * not rest on zod's own reading of `int()`, and amounts beyond 2^31 are valid.
 */
export const minorUnits = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** ISO 4217 code, upper case. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');

export const quantity = z.number().int().positive();

/** An order line as the order service recorded it. */
export const orderedLine = z.object({ productId: entityId, quantity });
