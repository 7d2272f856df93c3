import { getOperationAST, parse } from 'graphql';
import type { ParseOptions } from 'graphql';
import type { GraphQLHttpRequest } from '@shopgraph/service-kit/graphql-http-server';
import type { SubscribePayload } from './subscribe-guard';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function payloadOf(body: unknown): SubscribePayload {
  if (!isRecord(body)) return {};
  const { query, operationName, variables, extensions } = body;
  return {
    query: stringOr(query),
    operationName: stringOr(operationName),
    variables: isRecord(variables) ? variables : undefined,
    extensions: isRecord(extensions) ? extensions : undefined,
  };
}

function searchPayload(search: string): SubscribePayload {
  const params = new URLSearchParams(search);
  return { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined };
}

/** The operations an HTTP request carries, after the persisted-operation policy gave them their text. */
export function operationsOf(request: GraphQLHttpRequest): readonly SubscribePayload[] {
  if (request.method === 'GET') return [searchPayload(request.search)];
  return Array.isArray(request.body) ? request.body.map(payloadOf) : [payloadOf(request.body)];
}

/**
 * Whether the operation the request selects is a subscription. A document that does not
 * parse is not one: Apollo Server answers it as for any other request.
 */
export function isSubscription(payload: SubscribePayload, parseOptions: ParseOptions): boolean {
  const { query, operationName } = payload;
  // most requests never name the keyword: they are not parsed twice
  if (typeof query !== 'string' || !query.includes('subscription')) return false;
  try {
    return getOperationAST(parse(query, parseOptions), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}
