/** What the web server tells the page at run time, so one build fits every deployment. */
export interface RuntimeConfig {
  /** The gateway's public `/graphql` URL. */
  readonly graphqlUrl: string;
}

/** Reads `/config.json`, which the storefront's web server writes from its environment. */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`The storefront's /config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (typeof config.graphqlUrl !== 'string') throw new Error('The storefront configuration names no graphqlUrl');
  return { graphqlUrl: config.graphqlUrl };
}
