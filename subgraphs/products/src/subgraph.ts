import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import { createProduct } from './application/create-product';
import { listProducts } from './application/list-products';
import type { Clock, ProductRepository } from './application/ports';
import { restockProduct } from './application/restock-product';
import { productsContext } from './adapters/graphql/context';
import type { ProductsContext } from './adapters/graphql/context';
import { productsResolvers } from './adapters/graphql/resolvers';

export const productsTypeDefs: DocumentNode = parse(
  readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'),
);

export interface ProductsSubgraphDeps {
  readonly products: ProductRepository;
  readonly clock: Clock;
}

export interface ProductsSubgraph {
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<ProductsContext>;
  readonly createContext: (request: SignedRequest) => ProductsContext;
}

/** Wires use cases to their ports and returns what a GraphQL server needs; no network. */
export function createProductsSubgraph({ products, clock }: ProductsSubgraphDeps): ProductsSubgraph {
  return {
    typeDefs: productsTypeDefs,
    resolvers: productsResolvers({
      listProducts: listProducts({ products }),
      createProduct: createProduct({ products, clock }),
      restockProduct: restockProduct({ products }),
    }),
    createContext: productsContext(products),
  };
}
