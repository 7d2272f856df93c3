import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useCart } from '../cart';
import { ProductDocument } from '../generated/graphql';
import { formatMoney } from '../money';
import { href } from '../route';

export function ProductPage({ id }: { id: string }) {
  const { data, loading, error } = useQuery(ProductDocument, { variables: { id } });
  const cart = useCart();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  if (error) return <p role="alert">{error.message}</p>;
  if (loading) return <p>Loading…</p>;
  const product = data?.product;
  if (!product) return <p>No such product.</p>;
  return (
    <section>
      <h1>{product.name}</h1>
      <p>{product.description}</p>
      <p>
        {formatMoney(product.price)} · SKU {product.sku} · {product.stock} in stock
      </p>
      <label>
        Quantity{' '}
        <input
          type="number"
          min={1}
          max={Math.max(product.stock, 1)}
          value={quantity}
          onChange={(event) => setQuantity(Math.max(1, Number(event.target.value)))}
        />
      </label>{' '}
      <button
        disabled={product.stock === 0}
        onClick={() => {
          cart.add({ productId: product.id, name: product.name, price: product.price, quantity });
          setAdded(true);
        }}
      >
        Add to cart
      </button>
      {added && (
        <p>
          Added. <a href={href({ page: 'cart' })}>Go to the cart</a>
        </p>
      )}
    </section>
  );
}
