import { callGraphQL, outcomeLabel, shouldRetry } from './soak-client';
import type { CallOutcome } from './soak-client';
import type { PlannedOrder, SoakPlan } from './soak-plan';
import type { WaveGate } from './wave-gate';

const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
const CANCEL = `mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`;

/** An order the API answered with its ID: from then on it must end CONFIRMED or CANCELLED. */
export interface AcceptedOrder {
  readonly id: string;
  readonly planned: PlannedOrder;
}

export interface LoadOutcome {
  readonly accepted: readonly AcceptedOrder[];
  /** Orders whose placement ended in an answer that was not an ID and not worth a retry. */
  readonly refused: readonly { readonly key: string; readonly codes: readonly string[] }[];
  /** Orders that got no usable answer before the retry deadline. */
  readonly unanswered: readonly { readonly key: string; readonly last: string }[];
  /** What clients saw, every attempt counted: `ok`, `SUBGRAPH_UNAVAILABLE`, `network error`… */
  readonly seen: Readonly<Record<string, number>>;
}

/** Options of {@link runSoakLoad}. */
export interface SoakLoadOptions {
  readonly url: string;
  /** One customer's token per client, reused round-robin. */
  readonly tokens: readonly string[];
  readonly plan: SoakPlan;
  readonly productIds: readonly string[];
  readonly gate: WaveGate;
  /** How long one order's retries may go on. Default 120 s: a bound, not a measurement. */
  readonly retryForMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `operation` again (same variables, so the same idempotency key) until it is worth keeping. */
async function untilAnswered(send: () => Promise<CallOutcome>, seen: Record<string, number>, retryForMs: number) {
  const deadline = Date.now() + retryForMs;
  for (let attempt = 1; ; attempt++) {
    const outcome = await send();
    const label = outcomeLabel(outcome);
    seen[label] = (seen[label] ?? 0) + 1;
    if (!shouldRetry(outcome) || Date.now() > deadline) return outcome;
    await sleep(Math.min(1_000, 50 * attempt));
  }
}

/**
 * The soak's clients: each places its planned orders one after another, wave by wave,
 * retrying transient failures with the same idempotency key as a careful client does, and
 * cancels the orders the plan says its customer cancels.
 */
export async function runSoakLoad(options: SoakLoadOptions): Promise<LoadOutcome> {
  const { url, tokens, plan, productIds, gate, retryForMs = 120_000 } = options;
  const outcome = { accepted: [] as AcceptedOrder[], refused: [] as LoadOutcome['refused'][number][] };
  const unanswered: LoadOutcome['unanswered'][number][] = [];
  const seen: Record<string, number> = {};
  const cancels: Promise<void>[] = [];

  async function place(order: PlannedOrder): Promise<void> {
    const token = tokens[order.client % tokens.length] ?? '';
    const input = {
      items: [{ productId: productIds[order.product], quantity: order.quantity }],
      paymentToken: order.token,
      idempotencyKey: order.idempotencyKey,
    };
    const answer = await untilAnswered(
      () => callGraphQL(url, { query: PLACE, variables: { input }, token }),
      seen,
      retryForMs,
    );
    const id = answer.kind === 'answer' ? (answer.data?.['placeOrder'] as { id?: string } | null)?.id : undefined;
    if (id) {
      outcome.accepted.push({ id, planned: order });
      if (order.cancelAfterMs !== undefined) cancels.push(cancel(id, token, order.cancelAfterMs));
    } else if (answer.kind === 'answer' && !shouldRetry(answer)) {
      outcome.refused.push({ key: order.idempotencyKey, codes: answer.codes });
    } else unanswered.push({ key: order.idempotencyKey, last: outcomeLabel(answer) });
  }

  // CANCELLED or CONFLICT (already settled) are both answers; the verdict reads the outcome
  async function cancel(id: string, token: string, afterMs: number): Promise<void> {
    await sleep(afterMs);
    await untilAnswered(() => callGraphQL(url, { query: CANCEL, variables: { id }, token }), seen, retryForMs);
  }

  async function client(index: number): Promise<void> {
    for (const order of plan.orders.filter((planned) => planned.client === index)) {
      await gate.reached(order.wave);
      await place(order);
    }
  }

  await Promise.all(Array.from({ length: plan.clients }, (_, index) => client(index)));
  await Promise.all(cancels);
  return { ...outcome, unanswered, seen };
}
