/** Minor units to a price a person reads: `{ amount: 15068, currency: 'EUR' }` → `€150.68`. */
export function formatMoney(money: { readonly amount: number; readonly currency: string } | null): string {
  if (!money) return '—';
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}
