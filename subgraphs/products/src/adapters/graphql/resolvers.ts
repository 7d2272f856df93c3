import { DateTime } from '@shopgraph/service-kit/date-time';
import { MinorUnits } from '@shopgraph/service-kit/minor-units';
import type { Identity } from '@shopgraph/service-kit/identity';
import { isWellFormedId } from '@shopgraph/service-kit/ids';
import type { Page } from '@shopgraph/service-kit/pagination';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { getProduct } from '../../application/get-product';
import type { ListProductsArgs } from '../../application/list-products';
import type { Restock } from '../../application/restock-product';
import type { Product, ProductDraft } from '../../domain/product';
import type { ProductsContext } from './context';
import { toProductConnection } from './product-connection';

export interface ProductsUseCases {
  readonly listProducts: (args: ListProductsArgs) => Promise<Page<Product>>;
  readonly createProduct: (identity: Identity, draft: ProductDraft) => Promise<Product>;
  readonly restockProduct: (identity: Identity, restock: Restock) => Promise<Product>;
}

const loadProduct = (context: ProductsContext) => (id: string) => context.loaders.product.load(id);

/** Thin resolvers: decode arguments, call one use case, map the result. */
export function productsResolvers(useCases: ProductsUseCases): GraphQLResolverMap<ProductsContext> {
  return {
    DateTime,
    MinorUnits,
    Query: {
      products: async (_: unknown, args: ListProductsArgs) => toProductConnection(await useCases.listProducts(args)),
      product: (_: unknown, { id }: { id: string }, context: ProductsContext) => getProduct(id, loadProduct(context)),
    },
    Mutation: {
      createProduct: (_: unknown, { input }: { input: ProductDraft }, context: ProductsContext) =>
        useCases.createProduct(context.identity, input),
      restockProduct: (_: unknown, restock: Restock, context: ProductsContext) =>
        useCases.restockProduct(context.identity, restock),
    },
    Product: {
      // Another subgraph named this product (OrderItem.product): it exists or it is null,
      // never invented; one query per batch of references.
      __resolveReference: async ({ id }: { id: string }, context: ProductsContext): Promise<Product | undefined> =>
        isWellFormedId(id) ? context.loaders.product.load(id.toLowerCase()) : undefined,
    },
  };
}
