import { invalid } from '@shopgraph/service-kit/app-error';

/** An amount in minor units (cents), so no float ever holds a price. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

const ISO_CURRENCY = /^[A-Z]{3}$/;

/** ISO 4217 codes are stored upper-case; clients may type them in any case. */
export function normaliseCurrency(raw: string): string {
  const currency = raw.trim().toUpperCase();
  if (!ISO_CURRENCY.test(currency)) throw invalid('currency must be a 3-letter ISO 4217 code, e.g. EUR.');
  return currency;
}
