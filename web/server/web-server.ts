import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import sirv from 'sirv';

/** Options of {@link startWebServer}. */
export interface WebServerOptions {
  /** The built storefront (`vite build`'s output). */
  readonly distDir: string;
  /**
   * The gateway's `/graphql` URL as browsers reach it, handed to the page in `/config.json`;
   * a function when the gateway starts after this server (its port may be picked then).
   */
  readonly graphqlUrl: string | (() => string);
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Serve the local explorer (`/explorer.html`). Off in production. */
  readonly explorer: boolean;
}

export interface WebServer {
  /** The storefront's URL, e.g. `http://127.0.0.1:3000/`. */
  readonly url: string;
  stop(): Promise<void>;
}

const EXPLORER = /^\/explorer(\.html)?\/?$/;
const NOT_FOUND = 'Not found';

/**
 * Serves the built storefront as static files (precompressed Brotli/gzip when the browser
 * takes them; hashed assets cached for good, the page revalidated) and `/config.json`, which
 * tells the page where the gateway is, so one build fits every deployment.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const files = sirv(options.distDir, {
    brotli: true,
    gzip: true,
    etag: true,
    setHeaders: (res, pathname) => {
      const immutable = pathname.startsWith('/assets/');
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const { graphqlUrl } = options;
  const config = () => JSON.stringify({ graphqlUrl: typeof graphqlUrl === 'string' ? graphqlUrl : graphqlUrl() });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://storefront').pathname;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(config());
    } else if (EXPLORER.test(path) && !options.explorer) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(NOT_FOUND);
    } else {
      const explorer = EXPLORER.test(path) ? '/explorer.html' : undefined;
      if (explorer) req.url = explorer;
      files(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(NOT_FOUND);
      });
    }
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
