import type { SeededRandom } from './seeded-random';

/** One order a client will place, decided before the run so that a seed replays it. */
export interface PlannedOrder {
  readonly client: number;
  /** Index into {@link SoakPlan.products}. */
  readonly product: number;
  readonly quantity: number;
  readonly token: 'tok_visa' | 'tok_chargeDeclined' | 'tok_slow';
  /** The customer cancels this long after the order was accepted; undefined: never. */
  readonly cancelAfterMs: number | undefined;
  /** Released when chaos step `wave` begins (0: at once), so every step meets live traffic. */
  readonly wave: number;
  readonly idempotencyKey: string;
}

export interface SoakPlan {
  readonly seed: number;
  readonly clients: number;
  /** The stock each product starts with: a few plentiful, a few scarce (contention, out_of_stock). */
  readonly products: readonly number[];
  readonly orders: readonly PlannedOrder[];
}

/** Options of {@link planSoak}. */
export interface SoakSize {
  readonly orders: number;
  readonly clients: number;
  /** How many chaos steps the orders are spread over. */
  readonly waves: number;
}

const PRODUCTS = [100_000, 100_000, 100_000, 12, 12];
const SCARCE = [3, 4];

function planToken(random: SeededRandom): PlannedOrder['token'] {
  const roll = random.next();
  if (roll < 0.04) return 'tok_slow';
  return roll < 0.2 ? 'tok_chargeDeclined' : 'tok_visa';
}

/** A mix of cards, quantities, contended products and customer cancels, spread over the waves. */
export function planSoak(random: SeededRandom, size: SoakSize): SoakPlan {
  const orders = Array.from({ length: size.orders }, (_, index): PlannedOrder => {
    const product = random.chance(0.4) ? random.pick(SCARCE) : random.between(0, 2);
    return {
      client: index % size.clients,
      product,
      quantity: random.between(1, 3),
      token: planToken(random),
      cancelAfterMs: random.chance(0.08) ? random.between(0, 800) : undefined,
      wave: Math.floor((index * (size.waves + 1)) / size.orders),
      idempotencyKey: `soak-${random.seed}-${index}`,
    };
  });
  return { seed: random.seed, clients: size.clients, products: PRODUCTS, orders };
}
