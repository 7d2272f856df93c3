import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import type { PaymentRepository } from './application/ports';
import { paymentsContext } from './adapters/graphql/context';
import type { PaymentsContext } from './adapters/graphql/context';
import { paymentsResolvers } from './adapters/graphql/resolvers';

export const paymentsTypeDefs: DocumentNode = parse(
  readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
);

export interface PaymentsSubgraphDeps {
  readonly payments: PaymentRepository;
  /**
   * The SDL served in place of `schema.graphql`: a next version of payments' schema, deployed
   * before the supergraph that uses it (the `@override` walkthrough). Default: `schema.graphql`.
   */
  readonly typeDefs?: DocumentNode | undefined;
}

export interface PaymentsSubgraph {
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<PaymentsContext>;
  readonly createContext: (request: SignedRequest) => PaymentsContext;
}

/** Wires use cases to their ports and returns what a GraphQL server needs; no network. */
export function createPaymentsSubgraph({ payments, typeDefs }: PaymentsSubgraphDeps): PaymentsSubgraph {
  return {
    typeDefs: typeDefs ?? paymentsTypeDefs,
    resolvers: paymentsResolvers(),
    createContext: paymentsContext(payments),
  };
}
