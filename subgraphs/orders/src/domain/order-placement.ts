import { invalid } from '@shopgraph/service-kit/app-error';
import { isWellFormedId } from '@shopgraph/service-kit/ids';
import { PAYMENT_TOKENS, isPaymentToken } from './payment-tokens';
import type { PaymentToken } from './payment-tokens';

/** `PlaceOrderInput` as the client sent it. */
export interface PlaceOrderRequest {
  readonly items: readonly { readonly productId: string; readonly quantity: number }[];
  readonly paymentToken: string;
  readonly idempotencyKey: string;
}

/** An ordered product, before anything is priced. */
export interface PlacedLine {
  readonly productId: string;
  readonly quantity: number;
}

/** A request that passed every rule: what an order is made of. */
export interface OrderPlacement {
  readonly lines: readonly PlacedLine[];
  readonly paymentToken: PaymentToken;
  readonly idempotencyKey: string;
}

export const MAX_LINES = 50;
export const MAX_QUANTITY = 100;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 100;

// Printable ASCII only: a key is compared byte for byte, so invisible or look-alike
// characters would make two keys that a client cannot tell apart.
const PRINTABLE_KEY = new RegExp(`^[\\x20-\\x7E]{1,${MAX_IDEMPOTENCY_KEY_LENGTH}}$`);

function checkLine(line: PlaceOrderRequest['items'][number], index: number): PlacedLine {
  const field = `items[${index}]`;
  if (!isWellFormedId(line.productId)) throw invalid(`${field}.productId is not a product ID.`);
  if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
    throw invalid(`${field}.quantity must be a whole number from 1 to ${MAX_QUANTITY}.`);
  }
  // IDs are case-insensitive UUIDs: one spelling, so duplicates and the request hash agree
  return { productId: line.productId.toLowerCase(), quantity: line.quantity };
}

function checkLines(items: PlaceOrderRequest['items']): PlacedLine[] {
  if (items.length < 1 || items.length > MAX_LINES) throw invalid(`items must hold 1 to ${MAX_LINES} lines.`);
  const lines = items.map(checkLine);
  const firstIndex = new Map<string, number>();
  lines.forEach(({ productId }, index) => {
    const earlier = firstIndex.get(productId);
    if (earlier !== undefined) {
      throw invalid(`items[${index}].productId repeats items[${earlier}].productId: list each product once.`);
    }
    firstIndex.set(productId, index);
  });
  return lines;
}

/** Checks a placeOrder request against every rule; the first broken one is refused as invalid. */
export function validatePlacement(request: PlaceOrderRequest): OrderPlacement {
  const lines = checkLines(request.items);
  if (!isPaymentToken(request.paymentToken)) {
    throw invalid(`paymentToken must be one of ${PAYMENT_TOKENS.join(', ')}.`);
  }
  if (!PRINTABLE_KEY.test(request.idempotencyKey)) {
    throw invalid(`idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters.`);
  }
  return { lines, paymentToken: request.paymentToken, idempotencyKey: request.idempotencyKey };
}

/**
 * What makes two placements the same order: the lines in the order given and the token,
 * not the key. Stored as a hash next to the key, it tells a retry from a different order.
 */
export function placementFingerprint({ lines, paymentToken }: OrderPlacement): string {
  return JSON.stringify({ lines: lines.map(({ productId, quantity }) => [productId, quantity]), paymentToken });
}
