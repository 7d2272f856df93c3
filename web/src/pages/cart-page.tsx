import { useState } from 'react';
import { useCart } from '../cart';
import { formatMoney } from '../money';
import { href, navigate } from '../route';
import { useSession } from '../session';
import { useCheckout } from '../use-checkout';

// the simulated card processor's tokens (see the README): a real shop gets one from its processor
const CARDS = [
  { token: 'tok_visa', label: 'Visa (succeeds)' },
  { token: 'tok_chargeDeclined', label: 'Card that is declined' },
  { token: 'tok_slow', label: 'Card whose processor is slow' },
] as const;

export function CartPage() {
  const cart = useCart();
  const { session } = useSession();
  const { place, placing, error } = useCheckout();
  const [card, setCard] = useState<string>(CARDS[0].token);
  if (cart.lines.length === 0) return <p>The cart is empty.</p>;
  const [first] = cart.lines;
  const estimate = first && {
    amount: cart.lines.reduce((sum, line) => sum + line.price.amount * line.quantity, 0),
    currency: first.price.currency,
  };
  const checkout = async () => {
    const items = cart.lines.map(({ productId, quantity }) => ({ productId, quantity }));
    const order = await place({ items, paymentToken: card });
    if (!order) return;
    cart.clear();
    navigate({ page: 'order', id: order.id });
  };
  return (
    <section>
      <h1>Cart</h1>
      <ul>
        {cart.lines.map((line) => (
          <li key={line.productId}>
            {line.name} × {line.quantity} {formatMoney(line.price)}{' '}
            <button onClick={() => cart.setQuantity(line.productId, 0)}>Remove</button>
          </li>
        ))}
      </ul>
      <p>Estimated total {formatMoney(estimate ?? null)}</p>
      {session ? (
        <>
          <label>
            Card{' '}
            <select aria-label="Card" value={card} onChange={(event) => setCard(event.target.value)}>
              {CARDS.map(({ token, label }) => (
                <option key={token} value={token}>
                  {label}
                </option>
              ))}
            </select>
          </label>{' '}
          <button disabled={placing} onClick={() => void checkout()}>
            {placing ? 'Placing…' : 'Place order'}
          </button>
          {error && <p role="alert">{error.message}</p>}
        </>
      ) : (
        <p>
          <a href={href({ page: 'login' })}>Log in</a> to check out.
        </p>
      )}
    </section>
  );
}
