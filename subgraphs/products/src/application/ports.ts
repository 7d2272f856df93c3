import type { Page, PageWindow } from '@shopgraph/service-kit/pagination';
import type { Product } from '../domain/product';

/** A product ready to store: every rule already applied. */
export type NewProduct = Product;

/** Which page of the catalogue to read, newest first. */
export interface CatalogueQuery {
  /** Size and direction, already checked by the caller (createdAt DESC, id DESC). */
  readonly window: PageWindow;
  /** A case-insensitive substring of the name or the SKU; absent means every product. */
  readonly search?: string;
}

/** Units to add to one product's stock, unless the total would pass `ceiling`. */
export interface StockIncrease {
  readonly id: string;
  readonly quantity: number;
  readonly ceiling: number;
}

export type StockIncreaseOutcome =
  | { readonly kind: 'increased'; readonly product: Product }
  | { readonly kind: 'unknown_product' }
  | { readonly kind: 'over_ceiling'; readonly stock: number };

export interface ProductRepository {
  /** Inserts; a taken SKU is refused with a conflict, whatever the race. */
  create(product: NewProduct): Promise<Product>;
  /** One query for any number of IDs; missing IDs are simply absent. */
  findByIds(ids: readonly string[]): Promise<Product[]>;
  /**
   * Adds the units to what is available and to what was ever received, in one atomic step
   * (never read-modify-write): concurrent increases all count. Writes nothing unless `increased`.
   */
  increaseStock(change: StockIncrease): Promise<StockIncreaseOutcome>;
  /** One page and the number of products matching `search` (ignoring `after`), in one query. */
  page(query: CatalogueQuery): Promise<Page<Product>>;
}

export interface Clock {
  now(): Date;
}
