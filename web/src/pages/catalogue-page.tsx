import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ProductsDocument } from '../generated/graphql';
import { formatMoney } from '../money';
import { useCursorPages } from '../cursor-pager';
import { href } from '../route';
import { SearchBox } from '../search-box';

const PAGE_SIZE = 12;

/** The catalogue: search by name or SKU, page forward and back by cursor. */
export function CataloguePage() {
  const [search, setSearch] = useState('');
  const { after, reset, pager } = useCursorPages();
  const { data, loading, error } = useQuery(ProductsDocument, { variables: { first: PAGE_SIZE, after, search } });
  const connection = data?.products;
  return (
    <section>
      <h1>Catalogue</h1>
      <SearchBox
        label="Search products"
        value={search}
        onChange={(value) => {
          setSearch(value);
          reset();
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
          {pager(connection.pageInfo)}
        </>
      )}
    </section>
  );
}
