import { useMutation } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useRef } from 'react';
import { PlaceOrderDocument } from './generated/graphql';
import type { PlaceOrderInput, PlaceOrderMutation } from './generated/graphql';

type Order = PlaceOrderMutation['placeOrder'];

// getRandomValues, unlike randomUUID, also works on a page served over plain http
const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * `placeOrder` with an idempotency key per attempt. An attempt is one cart and one card:
 * until the graph answers, every try of it (RetryLink's after a network error, or the
 * customer pressing the button again) sends the same key, so it can never order twice.
 * An answer, or a different cart or card, starts a new attempt.
 */
export function useCheckout() {
  const [placeOrder, { loading, error }] = useMutation(PlaceOrderDocument);
  const attempt = useRef<{ key: string; fingerprint: string } | undefined>(undefined);

  const place = async (input: Omit<PlaceOrderInput, 'idempotencyKey'>): Promise<Order | undefined> => {
    const fingerprint = JSON.stringify(input);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { key: newKey(), fingerprint };
    try {
      const result = await placeOrder({ variables: { input: { ...input, idempotencyKey: attempt.current.key } } });
      attempt.current = undefined;
      return result.data?.placeOrder;
    } catch (failure) {
      // refused: a retry with this key would only be refused again
      if (CombinedGraphQLErrors.is(failure)) attempt.current = undefined;
      return undefined;
    }
  };
  return { place, placing: loading, error };
}
