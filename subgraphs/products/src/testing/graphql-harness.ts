import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { maskError } from '@shopgraph/service-kit/graphql-errors';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { ProductsContext } from '../adapters/graphql/context';
import type { ProductRepository } from '../application/ports';
import { createProductsSubgraph } from '../subgraph';

export interface GraphQLResult {
  readonly data: Record<string, unknown> | null | undefined;
  /** The public `extensions.code` of each error, in order. */
  readonly codes: readonly unknown[];
}

export type Execute = (
  identity: Identity,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<GraphQLResult>;

/**
 * The products subgraph as the gateway sees it (same schema, resolvers and error
 * masking) but without HTTP or request signing, over any repository.
 */
export async function graphqlHarness(
  products: ProductRepository,
): Promise<{ execute: Execute; stop: () => Promise<void> }> {
  const subgraph = createProductsSubgraph({ products, clock: { now: () => new Date() } });
  const apollo = new ApolloServer<ProductsContext>({
    schema: buildSubgraphSchema([{ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers }]),
    formatError: maskError,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const execute: Execute = async (identity, query, variables = {}) => {
    const contextValue = subgraph.createContext({ identity, requestId: 'test' });
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { data, codes: (errors ?? []).map((error) => error.extensions?.['code']) };
  };
  return { execute, stop: () => apollo.stop() };
}
