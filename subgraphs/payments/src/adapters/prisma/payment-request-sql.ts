import type { PoolClient } from 'pg';
import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import { traceContextColumn } from '@shopgraph/service-kit/tracing/trace-context';
import type { PaymentRequest } from '../../domain/payment-request';

// Every saga event of one order upserts its request first: `insert … on conflict do update`
// locks the row until the transaction ends, whether it existed or not, so the steps of one
// order never interleave, whichever event arrives first (decision 0021). The first event's trace
// context stays on the request: the charge links it (decision 0031).

const RETURNING = `returning customer_id as "customerId", token, amount, currency, state`;

/** A request as pg hands it over: `amount` is BIGINT, which arrives as a string. */
type StoredRequest = Omit<PaymentRequest, 'amount'> & { readonly amount: string | null };

/** What a saga event tells payments about the order's request. */
export type RequestFact =
  | { readonly kind: 'placed'; readonly customerId: string; readonly token: string }
  | { readonly kind: 'priced'; readonly amount: number; readonly currency: string }
  | { readonly kind: 'closed' };

const UPSERT: Record<RequestFact['kind'], string> = {
  placed: `insert into payment_requests (order_id, customer_id, token, updated_at, trace_context)
    values ($1, $2, $3, now(), $4::jsonb)
    on conflict (order_id) do update set customer_id = coalesce(payment_requests.customer_id, excluded.customer_id),
      token = coalesce(payment_requests.token, excluded.token), updated_at = now()`,
  priced: `insert into payment_requests (order_id, amount, currency, updated_at, trace_context)
    values ($1, $2, $3, now(), $4::jsonb)
    on conflict (order_id) do update set amount = coalesce(payment_requests.amount, excluded.amount),
      currency = coalesce(payment_requests.currency, excluded.currency), updated_at = now()`,
  closed: `insert into payment_requests (order_id, state, updated_at, trace_context) values ($1, 'closed', now(), $2::jsonb)
    on conflict (order_id) do update set state = 'closed', updated_at = now()`,
};

function parameters(orderId: string, fact: RequestFact): unknown[] {
  switch (fact.kind) {
    case 'placed':
      return [orderId, fact.customerId, fact.token, traceContextColumn()];
    case 'priced':
      return [orderId, fact.amount, fact.currency, traceContextColumn()];
    case 'closed':
      return [orderId, traceContextColumn()];
  }
}

/**
 * Records `fact` on the order's request (creating it when this is the first event heard of the
 * order), locks it until the transaction ends, and returns it as it now stands. A fact already
 * known keeps its first value, so a duplicate event changes nothing.
 */
export async function recordRequestFact(
  client: PoolClient,
  { orderId, fact }: { readonly orderId: string; readonly fact: RequestFact },
): Promise<PaymentRequest> {
  const { rows } = await client.query<StoredRequest>(`${UPSERT[fact.kind]} ${RETURNING}`, parameters(orderId, fact));
  const [request] = rows;
  if (!request) throw new Error(`The payment request of order ${orderId} was not recorded.`);
  // BIGINT arrives as a string: read it exactly or refuse it (decision 0022)
  const amount = request.amount === null ? null : safeIntegerFromColumn(request.amount, 'payment_requests.amount');
  return { ...request, amount };
}
