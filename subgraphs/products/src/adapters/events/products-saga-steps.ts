import type { EventEnvelope } from '@shopgraph/events/envelope';
import { stockRejectedV2, stockReleasedV1, stockReservedV1 } from '@shopgraph/events/stock-events';
import { decideReservation } from '../../domain/stock-reservation';
import type { RequestedLine } from '../../domain/stock-reservation';
import { placementStep } from '../../domain/order-stock-history';
import { orderStockHistory, recordTombstone } from '../prisma/order-history-sql';
import {
  lockProducts,
  readProducts,
  releaseReservations,
  reserveLines,
  sellReservations,
} from '../prisma/stock-reservations-sql';
import type { SagaClient } from '../prisma/stock-reservations-sql';

// The products side of the order saga (decision 0016). Each step runs inside the consumer's
// transaction and returns the events it caused, which commit with its changes. The aggregate of
// every event is the order.

/**
 * order.placed: reserves every line or none. Refuses an unknown product, prices in several
 * currencies, a total over MAX_ORDER_TOTAL, or too little stock, and then changes nothing.
 * Refusals go out as stock.rejected v2, the version that can say `total_over_limit`. Ignores a
 * placement that comes after its order's cancellation, or after its stock was reserved
 * (decision 0021).
 */
export async function reserveStock(
  client: SagaClient,
  { orderId, lines }: { readonly orderId: string; readonly lines: readonly RequestedLine[] },
): Promise<EventEnvelope[]> {
  // UUIDs in canonical (lower-case) form, the way the database returns them
  const requested = lines.map(({ productId, quantity }) => ({ productId: productId.toLowerCase(), quantity }));
  const ids = requested.map((line) => line.productId);
  // the order's own lock (taken by the consumer first) guards its history: no product lock needed
  const step = placementStep(await orderStockHistory(client, orderId));
  if (step.kind === 'ignore') return [];
  // a refusal takes nothing, so the last committed stock may decide it: the many orders refused
  // for a sold-out product never queue on its row lock; a reservation decides again under it
  const seen = decideReservation(requested, await readProducts(client, ids));
  const decision = seen.kind === 'reject' ? seen : decideReservation(requested, await lockProducts(client, ids));
  if (decision.kind === 'reject') {
    return [stockRejectedV2.create({ aggregateId: orderId, payload: { orderId, reason: decision.reason } })];
  }
  const { lines: reserved, total, currency } = decision;
  await reserveLines(client, { orderId, lines: reserved });
  return [
    stockReservedV1.create({ aggregateId: orderId, payload: { orderId, lines: [...reserved], total, currency } }),
  ];
}

/** order.confirmed: the order's reserved units are sold. Nothing to announce. */
export async function sellStock(
  client: SagaClient,
  { orderId }: { readonly orderId: string },
): Promise<EventEnvelope[]> {
  await sellReservations(client, orderId);
  return [];
}

/**
 * order.cancelled: the order's reserved units go back to stock, announced with stock.released.
 * Sold units are never taken back, and an order with nothing reserved announces nothing. The
 * tombstone it leaves keeps an order.placed arriving after it from reserving anything.
 */
export async function releaseStock(
  client: SagaClient,
  { orderId, reason }: { readonly orderId: string; readonly reason: string },
): Promise<EventEnvelope[]> {
  await recordTombstone(client, { orderId, reason });
  const productIds = await releaseReservations(client, orderId);
  return productIds.length > 0
    ? [stockReleasedV1.create({ aggregateId: orderId, payload: { orderId, productIds } })]
    : [];
}
