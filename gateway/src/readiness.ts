/** Each subgraph's readiness, from its own `/ready` (which checks its database). */
export async function subgraphReadiness(
  urls: ReadonlyMap<string, string>,
  timeoutMs = 2_000,
): Promise<Record<string, boolean>> {
  const checks = [...urls].map(async ([name, url]) => {
    try {
      const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
      return [name, response.ok] as const;
    } catch {
      return [name, false] as const;
    }
  });
  return Object.fromEntries(await Promise.all(checks));
}
