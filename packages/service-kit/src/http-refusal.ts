export interface HttpRefusalInit {
  readonly status: number;
  /** One of the public codes of API.md. */
  readonly code: string;
  /** Written for the client: no internals. */
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A request refused before GraphQL runs, answered with an HTTP status and a public code. */
export class HttpRefusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor({ status, code, message, headers = {} }: HttpRefusalInit) {
    super(message);
    this.name = 'HttpRefusal';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}
