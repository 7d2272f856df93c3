import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { OrderEventsDocument, ProductsDocument, RestockProductDocument } from '../generated/graphql';
import type { OrderEventsSubscription } from '../generated/graphql';
import { formatMoney } from '../money';
import { href } from '../route';
import { SearchBox } from '../search-box';
import { useResumableSubscription } from '../use-resumable-subscription';

const eventId = (data: OrderEventsSubscription) => data.orderEvents.id;

function OrderFeed() {
  const feed = useResumableSubscription({ document: OrderEventsDocument, variables: {}, eventId });
  return (
    <section>
      <h2>
        Live orders <small data-testid="live">{feed.live ? 'live' : 'reconnecting…'}</small>
      </h2>
      {feed.error && <p role="alert">{feed.error}</p>}
      <ol reversed data-testid="order-feed">
        {[...feed.events].reverse().map(({ orderEvents: event }) => (
          <li key={event.id} data-order-id={event.order.id}>
            <a href={href({ page: 'order', id: event.order.id })}>{event.order.id.slice(0, 8)}</a> {event.type} ·{' '}
            {event.order.customer.email} · {formatMoney(event.order.total)} · now {event.order.status}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Restock({ id }: { id: string }) {
  const [quantity, setQuantity] = useState(10);
  const [restock, { loading, error }] = useMutation(RestockProductDocument);
  return (
    <>
      <input
        type="number"
        aria-label="Units to add"
        min={1}
        value={quantity}
        onChange={(event) => setQuantity(Math.max(1, Number(event.target.value)))}
      />{' '}
      <button disabled={loading} onClick={() => void restock({ variables: { id, quantity } })}>
        Restock
      </button>
      {error && <span role="alert"> {error.message}</span>}
    </>
  );
}

function Stock() {
  const [search, setSearch] = useState('');
  const { data } = useQuery(ProductsDocument, { variables: { first: 20, after: null, search } });
  return (
    <section>
      <h2>Stock</h2>
      <SearchBox label="Search stock" value={search} onChange={setSearch} />
      <ul>
        {data?.products.edges.map(({ node }) => (
          <li key={node.id}>
            {node.name} ({node.sku}): <span data-testid="stock">{node.stock}</span> <Restock id={node.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** ADMIN: every order as it happens, and restocking. */
export function AdminPage() {
  return (
    <>
      <h1>Admin</h1>
      <OrderFeed />
      <Stock />
    </>
  );
}
