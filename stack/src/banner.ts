import { SEED_LOGINS } from '@shopgraph/seed-data/fixture';

/** Options of {@link printBanner}. */
export interface BannerOptions {
  /** The first line, e.g. `shopgraph is up in 0.4s (embedded PostgreSQL)`. */
  readonly headline: string;
  readonly gatewayUrl: string;
  /** The storefront's URL, when it is served. */
  readonly storefrontUrl?: string;
  /** Lines between the gateway and the logins, e.g. each subgraph's URL. Default: none. */
  readonly details?: readonly string[];
  /** Whether the demo data was seeded (never under NODE_ENV=production). Default true. */
  readonly demoData?: boolean;
}

const DEMO_LOGINS = [
  `  Customer  ${SEED_LOGINS.customer.email} / ${SEED_LOGINS.customer.password}`,
  `  Admin     ${SEED_LOGINS.admin.email} / ${SEED_LOGINS.admin.password}`,
];
const NO_DEMO_DATA = ['  No demo data: NODE_ENV=production never seeds the demo accounts, products or orders.'];

/**
 * Seconds since this process started, to one decimal: what the developer waited for, module
 * loading included (a timer started in main.ts would miss the seconds spent importing).
 */
export const secondsSinceProcessStart = (): string => process.uptime().toFixed(1);

/** Browsers treat `localhost` as a secure context (Sandbox needs one); `127.0.0.1` is what we bind. */
export const localUrl = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

/** What a developer needs after a start command: where the graph is, and how to log in. */
export function printBanner({
  headline,
  gatewayUrl,
  storefrontUrl,
  details = [],
  demoData = true,
}: BannerOptions): void {
  process.stdout.write(
    [
      '',
      `  ${headline}`,
      '',
      ...(storefrontUrl ? [`  Storefront               ${localUrl(storefrontUrl)}`] : []),
      `  Gateway + Apollo Sandbox  ${localUrl(gatewayUrl)}`,
      ...details,
      '',
      ...(demoData ? DEMO_LOGINS : NO_DEMO_DATA),
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}
