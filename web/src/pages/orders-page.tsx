import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { MyOrdersDocument } from '../generated/graphql';
import { formatMoney } from '../money';
import { href } from '../route';

const PAGE_SIZE = 10;

/** The signed-in customer's orders, newest first. */
export function OrdersPage() {
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const { data, error, loading } = useQuery(MyOrdersDocument, {
    variables: { first: PAGE_SIZE, after: cursors.at(-1) ?? null },
    fetchPolicy: 'cache-and-network',
  });
  if (error) return <p role="alert">{error.message}</p>;
  const orders = data?.me?.orders;
  if (!orders) return <p>{loading ? 'Loading…' : 'Log in to see your orders.'}</p>;
  return (
    <section>
      <h1>Your orders</h1>
      <p>{orders.totalCount} orders</p>
      <ul>
        {orders.edges.map(({ node }) => (
          <li key={node.id}>
            <a href={href({ page: 'order', id: node.id })}>{new Date(node.createdAt).toLocaleString()}</a> {node.status}{' '}
            {node.cancellationReason} {formatMoney(node.total)}
          </li>
        ))}
      </ul>
      <button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
        Previous
      </button>{' '}
      <button
        disabled={!orders.pageInfo.hasNextPage}
        onClick={() => setCursors([...cursors, orders.pageInfo.endCursor])}
      >
        Next
      </button>
    </section>
  );
}
