import { useQuery } from '@apollo/client/react';
import { MyOrdersDocument } from '../generated/graphql';
import { formatMoney } from '../money';
import { useCursorPages } from '../cursor-pager';
import { href } from '../route';

const PAGE_SIZE = 10;

/** The signed-in customer's orders, newest first. */
export function OrdersPage() {
  const { after, pager } = useCursorPages();
  const { data, error, loading } = useQuery(MyOrdersDocument, {
    variables: { first: PAGE_SIZE, after },
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
      {pager(orders.pageInfo)}
    </section>
  );
}
