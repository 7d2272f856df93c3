/** A gauge or counter of a service's `/metrics`, summed over its labels; NaN when it has none. */
export async function metricValue(serviceUrl: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', serviceUrl))).text();
  const values = [...text.matchAll(new RegExp(`(?:^|\\n)${name}(?:\\{[^}]*\\})? (\\S+)`, 'g'))].map((m) =>
    Number(m[1]),
  );
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0);
}
