import { SEED_LOGINS } from '@shopgraph/seed-data/fixture';

export interface GraphQLResponse<D = Record<string, unknown>> {
  readonly status: number;
  readonly data?: D | null;
  readonly errors?: readonly {
    message: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

export interface Operation {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly token?: string;
}

/** POSTs one operation as a web client would. */
export async function graphql<D = Record<string, unknown>>(
  url: string,
  operation: Operation,
): Promise<GraphQLResponse<D>> {
  const { query, variables, token } = operation;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** The error codes of a response, in order. */
export const codes = (response: GraphQLResponse<unknown>): unknown[] =>
  (response.errors ?? []).map((error) => error.extensions?.['code']);

export async function logIn(url: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await graphql<{ logIn: { token: string } }>(url, {
    query: 'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
    variables: credentials,
  });
  const token = response.data?.logIn.token;
  if (!token) throw new Error(`log in failed: ${JSON.stringify(response.errors)}`);
  return token;
}

export const logInAsCustomer = (url: string) => logIn(url, SEED_LOGINS.customer);
export const logInAsAdmin = (url: string) => logIn(url, SEED_LOGINS.admin);
