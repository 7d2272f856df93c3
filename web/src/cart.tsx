import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useStoredState } from './stored-state';

export interface CartLine {
  readonly productId: string;
  readonly name: string;
  readonly price: { readonly amount: number; readonly currency: string };
  readonly quantity: number;
}

interface CartValue {
  readonly lines: readonly CartLine[];
  /** Adds `quantity` units (a new line, or more of one already there). */
  readonly add: (line: CartLine) => void;
  readonly setQuantity: (productId: string, quantity: number) => void;
  readonly clear: () => void;
}

const CartContext = createContext<CartValue | null>(null);

/** The cart, kept in the browser until the order is placed. */
export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useStoredState<readonly CartLine[]>('shopgraph.cart', []);
  const value = useMemo<CartValue>(
    () => ({
      lines,
      add: (line) => {
        const existing = lines.find(({ productId }) => productId === line.productId);
        const quantity = (existing?.quantity ?? 0) + line.quantity;
        setLines([...lines.filter(({ productId }) => productId !== line.productId), { ...line, quantity }]);
      },
      setQuantity: (productId, quantity) =>
        setLines(
          lines
            .map((line) => (line.productId === productId ? { ...line, quantity } : line))
            .filter((line) => line.quantity > 0),
        ),
      clear: () => setLines([]),
    }),
    [lines, setLines],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartValue {
  const value = useContext(CartContext);
  if (!value) throw new Error('useCart outside CartProvider');
  return value;
}
