import { useMutation, useQuery } from '@apollo/client/react';
import { CancelOrderDocument, OrderDocument, OrderUpdatedDocument } from '../generated/graphql';
import type { OrderUpdatedSubscription } from '../generated/graphql';
import { formatMoney } from '../money';
import { useResumableSubscription } from '../use-resumable-subscription';

const eventId = (data: OrderUpdatedSubscription) => data.orderUpdated.id;

/**
 * One order, live. Each event's `order` lands in Apollo's normalised cache under the same
 * `Order:<id>` as the query's, so the status badge moves without a refetch. The payment is
 * deferred (operations/order.graphql): the page shows the order first, the payment when its
 * part arrives.
 */
// while the deferred part is on its way, a missing payment is not yet known, not "not started"
const paymentStatus = (payment: { status: string } | null | undefined, streaming: boolean) =>
  payment ? payment.status : streaming ? '…' : 'not started';

export function OrderPage({ id }: { id: string }) {
  const { data, dataState, error } = useQuery(OrderDocument, { variables: { id } });
  const feed = useResumableSubscription({
    document: OrderUpdatedDocument,
    variables: { orderId: id, fromStart: true },
    eventId,
  });
  const [cancelOrder, cancelling] = useMutation(CancelOrderDocument);
  if (error) return <p role="alert">{error.message}</p>;
  const order = data?.order;
  if (data && !order) return <p>No such order.</p>;
  if (!order) return <p>Loading…</p>;
  const open = order.status === 'PENDING' || order.status === 'AWAITING_PAYMENT';
  return (
    <section>
      <h1>Order {order.id.slice(0, 8)}</h1>
      <p>
        <strong className={`status ${order.status.toLowerCase()}`} data-testid="order-status">
          {order.status}
        </strong>{' '}
        {order.cancellationReason && <span data-testid="cancellation-reason">{order.cancellationReason}</span>}{' '}
        <small data-testid="live">{feed.live ? 'live' : 'reconnecting…'}</small>
      </p>
      <p>Total {formatMoney(order.total)}</p>
      <ul>
        {order.items.map((item) => (
          <li key={item.product.id}>
            {item.product.name} × {item.quantity} {formatMoney(item.unitPrice)}
          </li>
        ))}
      </ul>
      <p>
        Payment: {paymentStatus(order.payment, dataState === 'streaming')}
        {order.payment?.failureReason && ` (${order.payment.failureReason})`}
      </p>
      {open && (
        <button disabled={cancelling.loading} onClick={() => void cancelOrder({ variables: { id } })}>
          Cancel the order
        </button>
      )}
      {feed.error && <p role="alert">{feed.error}</p>}
      <h2>Events</h2>
      <ol data-testid="order-events">
        {feed.events.map(({ orderUpdated: event }) => (
          <li key={event.id} data-event-id={event.id}>
            {event.type} <small>{new Date(event.occurredAt).toLocaleTimeString()}</small>
          </li>
        ))}
      </ol>
    </section>
  );
}
