import { toConnection } from '@shopgraph/service-kit/pagination';
import type { Connection, Page } from '@shopgraph/service-kit/pagination';
import type { Product } from '../../domain/product';

export type ProductConnection = Connection<Product>;

/** A page as the Relay-style `ProductConnection` of the SDL. */
export const toProductConnection = (page: Page<Product>): ProductConnection => toConnection(page, (product) => product);
