import type { IncomingHttpHeaders } from 'node:http';

/** `'any'` reflects every origin (development); a list names each origin allowed. */
export type AllowedOrigins = 'any' | readonly string[];

/** Options of {@link createCorsPolicy}. */
export interface CorsOptions {
  /** Browser origins allowed to call the gateway, such as `https://shop.example`. */
  readonly allowedOrigins: AllowedOrigins;
  /** How long a browser may reuse a preflight answer, in seconds. Default 600. */
  readonly maxAgeSeconds?: number;
}

/** What the policy reads of a request; a Node `IncomingMessage` fits. */
export interface CorsRequest {
  readonly method?: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

/** What the policy writes on a response; a Node `ServerResponse` fits. */
export interface CorsResponse {
  statusCode: number;
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: string): unknown;
  end(): unknown;
}

export interface CorsPolicy {
  /**
   * Answers a preflight itself (`'handled'`: 204, or 403 for an origin not allowed); for any
   * other request sets the CORS headers the response needs and returns `'continue'`.
   */
  handle(req: CorsRequest, res: CorsResponse): 'handled' | 'continue';
  /**
   * For the WebSocket upgrade. A missing Origin is allowed: browsers always send one, so
   * its absence means a non-browser client, which cannot borrow a visitor's session.
   */
  isOriginAllowed(origin: string | undefined): boolean;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/**
 * The request headers web clients send, and no more: a browser refuses a request carrying
 * any other. `accept` is listed because the multipart subscription media type Apollo Client
 * sends (`subscriptionSpec="1.0"`) has quotes, which make it unsafe, hence preflighted.
 */
export const ALLOWED_REQUEST_HEADERS = [
  'accept',
  'content-type',
  'authorization',
  // the client's identity, which Apollo clients send for usage reports
  'apollographql-client-name',
  'apollographql-client-version',
  // W3C trace context, so a browser's trace continues through the gateway
  'traceparent',
  'tracestate',
  // the client's own request ID, kept in every log line (see graphql-http-server)
  'x-request-id',
  // Apollo's CSRF prevention accepts either as proof the request was preflighted
  'apollo-require-preflight',
  'x-apollo-operation-name',
] as const;
const ALLOWED_HEADERS = ALLOWED_REQUEST_HEADERS.join(', ');
// readable by browser code: when to retry after a 429, and the ID to quote in a bug report
const EXPOSED_HEADERS = 'retry-after, x-request-id';

function addVary(res: CorsResponse, field: string): void {
  const current = res.getHeader('vary');
  const fields =
    current === undefined
      ? []
      : String(current)
          .split(/\s*,\s*/)
          .filter(Boolean);
  if (fields.some((name) => name === '*' || name.toLowerCase() === field.toLowerCase())) return;
  res.setHeader('vary', [...fields, field].join(', '));
}

/**
 * Cross-origin access for browsers. No `Access-Control-Allow-Credentials`: clients send
 * the token in `Authorization`, never a cookie, so even a reflected origin cannot ride a
 * visitor's ambient credentials. The `null` origin (sandboxed frames, files) is never
 * allowed, as any page can produce it.
 */
export function createCorsPolicy({ allowedOrigins, maxAgeSeconds = 600 }: CorsOptions): CorsPolicy {
  // browsers send the serialised origin: lower case, no default port, no trailing slash
  const listed = new Set(allowedOrigins === 'any' ? [] : allowedOrigins.map((origin) => new URL(origin).origin));
  const allows = (origin: string) => origin !== 'null' && (allowedOrigins === 'any' || listed.has(origin));

  const handle = (req: CorsRequest, res: CorsResponse): 'handled' | 'continue' => {
    // the answer depends on Origin, so a shared cache must key on it even when it is absent
    addVary(res, 'Origin');
    const { origin } = req.headers;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) return 'continue';
    if (!allows(origin)) {
      if (!preflight) return 'continue';
      res.statusCode = 403;
      res.end();
      return 'handled';
    }
    res.setHeader('access-control-allow-origin', origin);
    if (!preflight) {
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
      return 'continue';
    }
    res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', String(maxAgeSeconds));
    res.statusCode = 204;
    res.end();
    return 'handled';
  };

  return { handle, isOriginAllowed: (origin) => origin === undefined || allows(origin) };
}
