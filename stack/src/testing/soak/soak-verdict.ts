import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { LoadOutcome } from './soak-load';
import type { SoakReader, SoakSnapshot } from './soak-snapshot';

/** Options of {@link soakVerdict}. */
export interface SoakVerdictOptions {
  readonly reader: SoakReader;
  readonly load: LoadOutcome;
  /** The soak's products, with the stock each was created with. */
  readonly products: readonly { readonly id: string; readonly stock: number }[];
  /** The dead letters the bus holds, one line each. */
  readonly deadLetters: () => Promise<readonly string[]>;
  /** How long the saga may take to finish everything after the load. Default 150 s: a bound only. */
  readonly settleTimeoutMs?: number;
}

/** What a soak left behind: every broken promise as one readable line (none when all is well). */
export interface SoakVerdict {
  readonly violations: readonly string[];
  /** Orders by status (and reason), for the log. */
  readonly outcomes: Readonly<Record<string, number>>;
}

const MAX_LISTED = 15;

/**
 * Waits until the saga has nothing left to do (or the bound passes), then checks every promise
 * the shop makes: each accepted order terminal, each product's ledger balanced and matching the
 * confirmed orders, captures exactly for confirmed orders, cancelled ones refunded, no order
 * charged twice, no dead letter. Stuck orders are listed with where each service left them.
 */
export async function soakVerdict(options: SoakVerdictOptions): Promise<SoakVerdict> {
  const { reader, load, products, deadLetters, settleTimeoutMs = 150_000 } = options;
  const productIds = products.map((product) => product.id);
  const idle = async () => {
    const left = await reader.unfinished(productIds).catch(() => undefined);
    return left !== undefined && left.open === 0 && left.reserved === 0 && left.unrefunded === 0;
  };
  // a timeout is reported below, with the details, instead of as a bare "timed out"
  await waitFor(idle, { what: 'the saga to finish', timeout: settleTimeoutMs, interval: 250 }).catch(() => undefined);
  const snapshot = await reader.snapshot(productIds);
  const violations = [
    ...placementViolations(load, snapshot),
    ...(await stuckOrders(reader, snapshot)),
    ...ledgerViolations(products, snapshot),
    ...chargeViolations(snapshot),
    ...(await deadLetters()).map((letter) => `dead letter: ${letter}`),
  ];
  const outcomes: Record<string, number> = {};
  for (const order of snapshot.orders) {
    const label = order.reason ? `${order.status}:${order.reason}` : order.status;
    outcomes[label] = (outcomes[label] ?? 0) + 1;
  }
  return { violations, outcomes };
}

function placementViolations(load: LoadOutcome, snapshot: SoakSnapshot): string[] {
  const known = new Set(snapshot.orders.map((order) => order.id));
  return [
    ...load.accepted.filter((order) => !known.has(order.id)).map((order) => `accepted order ${order.id} is not stored`),
    ...load.refused.map((order) => `placeOrder ${order.key} refused with ${order.codes.join(', ')}`),
    ...load.unanswered.map((order) => `placeOrder ${order.key} never answered (last: ${order.last})`),
  ];
}

async function stuckOrders(reader: SoakReader, snapshot: SoakSnapshot): Promise<string[]> {
  const stuck = snapshot.orders.filter((order) => order.status !== 'CONFIRMED' && order.status !== 'CANCELLED');
  const listed = await Promise.all(
    stuck
      .slice(0, MAX_LISTED)
      .map(async (order) => `order ${order.id} stuck ${order.status}: ${await reader.whereIs(order.id)}`),
  );
  const more = stuck.length > MAX_LISTED ? [`… and ${stuck.length - MAX_LISTED} more stuck orders`] : [];
  return stuck.length > 0 ? [`${stuck.length} orders not terminal`, ...listed, ...more] : [];
}

function ledgerViolations(products: SoakVerdictOptions['products'], snapshot: SoakSnapshot): string[] {
  return products.flatMap(({ id, stock }) => {
    const ledger = snapshot.ledgers.get(id);
    const sold = snapshot.soldByOrders.get(id) ?? 0;
    const balanced =
      ledger !== undefined &&
      ledger.received === stock &&
      ledger.reserved === 0 &&
      ledger.sold === sold &&
      ledger.available === stock - sold;
    return balanced
      ? []
      : [`product ${id}: ledger ${JSON.stringify(ledger)}, ${stock} received, ${sold} in confirmed orders`];
  });
}

function chargeViolations(snapshot: SoakSnapshot): string[] {
  const status = new Map(
    snapshot.orders.map((order) => [order.id, order.reason ? `${order.status}:${order.reason}` : order.status]),
  );
  const chargeOf = new Map(snapshot.charges.map((charge) => [charge.key, charge.status]));
  const problems = snapshot.charges.flatMap((charge) => {
    const order = status.get(charge.key);
    if (order === undefined) return [`a ${charge.status} charge for no order: ${charge.key}`];
    if (charge.status === 'captured' && order !== 'CONFIRMED')
      return [`order ${charge.key} is ${order}, its charge captured`];
    return [];
  });
  const unpaid = snapshot.orders
    .filter((order) => order.status === 'CONFIRMED' && chargeOf.get(order.id) !== 'captured')
    .map((order) => `order ${order.id} CONFIRMED, its charge ${chargeOf.get(order.id) ?? 'missing'}`);
  const twice = [...snapshot.captureEvents]
    .filter(([, count]) => count > 1)
    .map(([order, count]) => `order ${order} charged ${count} times (payment.captured events)`);
  return [...problems, ...unpaid, ...twice];
}
