import { SEED_LOGINS } from '@shopgraph/seed-data/fixture';

/** Options of {@link printBanner}. */
export interface BannerOptions {
  /** The first line, e.g. `shopgraph is up in 0.4s (embedded PostgreSQL)`. */
  readonly headline: string;
  readonly gatewayUrl: string;
  /** Lines between the gateway and the logins, e.g. each subgraph's URL. Default: none. */
  readonly details?: readonly string[];
}

/** Browsers treat `localhost` as a secure context (Sandbox needs one); `127.0.0.1` is what we bind. */
export const localUrl = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

/** What a developer needs after a start command: where the graph is, and how to log in. */
export function printBanner({ headline, gatewayUrl, details = [] }: BannerOptions): void {
  process.stdout.write(
    [
      '',
      `  ${headline}`,
      '',
      `  Gateway + Apollo Sandbox  ${localUrl(gatewayUrl)}`,
      ...details,
      '',
      `  Customer  ${SEED_LOGINS.customer.email} / ${SEED_LOGINS.customer.password}`,
      `  Admin     ${SEED_LOGINS.admin.email} / ${SEED_LOGINS.admin.password}`,
      '',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}
