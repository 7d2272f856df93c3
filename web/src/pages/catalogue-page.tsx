import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ProductsDocument } from '../generated/graphql';
import { formatMoney } from '../money';
import { href } from '../route';

const PAGE_SIZE = 12;

/** The catalogue: search by name or SKU, page forward and back by cursor. */
export function CataloguePage() {
  const [search, setSearch] = useState('');
  // the cursors of the pages before this one: going back pops one
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const { data, loading, error } = useQuery(ProductsDocument, { variables: { first: PAGE_SIZE, after, search } });
  const connection = data?.products;
  return (
    <section>
      <h1>Catalogue</h1>
      <input
        type="search"
        aria-label="Search products"
        placeholder="Search by name or SKU"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setCursors([null]);
        }}
      />
      {error && <p role="alert">{error.message}</p>}
      {loading && !connection && <p>Loading…</p>}
      {connection && (
        <>
          <p>{connection.totalCount} products</p>
          <ul className="products">
            {connection.edges.map(({ node }) => (
              <li key={node.id}>
                <a href={href({ page: 'product', id: node.id })}>{node.name}</a> {formatMoney(node.price)}{' '}
                <small>{node.stock > 0 ? `${node.stock} in stock` : 'out of stock'}</small>
              </li>
            ))}
          </ul>
          <button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </button>{' '}
          <button
            disabled={!connection.pageInfo.hasNextPage}
            onClick={() => setCursors([...cursors, connection.pageInfo.endCursor])}
          >
            Next
          </button>
        </>
      )}
    </section>
  );
}
