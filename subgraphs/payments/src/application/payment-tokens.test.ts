import { describe, expect, it } from 'vitest';
import { PAYMENT_TOKENS, isRecognisedToken } from './payment-tokens';

describe('isRecognisedToken', () => {
  it('recognises exactly the tokens of the API', () => {
    expect([...PAYMENT_TOKENS].sort()).toEqual(['tok_chargeDeclined', 'tok_slow', 'tok_visa']);
    for (const token of PAYMENT_TOKENS) expect(isRecognisedToken(token)).toBe(true);
  });

  it.each(['', 'tok_mastercard', 'TOK_VISA', 'tok_visa ', 'toString'])('refuses %j', (token) => {
    expect(isRecognisedToken(token)).toBe(false);
  });
});
