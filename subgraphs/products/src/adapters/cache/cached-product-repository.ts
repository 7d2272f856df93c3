import type { Page } from '@shopgraph/service-kit/pagination';
import type {
  CatalogueQuery,
  NewProduct,
  ProductRepository,
  StockIncrease,
  StockIncreaseOutcome,
} from '../../application/ports';
import type { Product } from '../../domain/product';
import type { ProductCache } from './product-cache';

/** Told of every lookup, for the hit ratio on `/metrics`. Default: nothing. */
export type CacheLookupObserver = (result: 'hit' | 'miss', count: number) => void;

/**
 * A {@link ProductRepository} that answers reads from a {@link ProductCache} and the rest from
 * `inner`. Its own writes forget what they changed at once (read-your-writes on this replica);
 * other replicas' writes and the order saga's stock changes arrive as events (see
 * `watchProductChanges`). A page is cached as IDs: its products come from the product cache,
 * so a stock change never has to find the pages that show it.
 */
export class CachedProductRepository implements ProductRepository {
  constructor(
    private readonly inner: ProductRepository,
    private readonly cache: ProductCache,
    private readonly observe: CacheLookupObserver = () => undefined,
  ) {}

  async create(product: NewProduct): Promise<Product> {
    const created = await this.inner.create(product);
    this.cache.forgetPages();
    return created;
  }

  async increaseStock(change: StockIncrease): Promise<StockIncreaseOutcome> {
    const outcome = await this.inner.increaseStock(change);
    this.cache.forgetProducts([change.id]);
    return outcome;
  }

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    const hits: Product[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const product = this.cache.product(id);
      if (product) hits.push(product);
      else missing.push(id);
    }
    this.observe('hit', hits.length);
    if (missing.length === 0) return hits;
    this.observe('miss', missing.length);
    const epoch = this.cache.epoch;
    const loaded = await this.inner.findByIds(missing);
    this.cache.storeProducts(loaded, epoch);
    return [...hits, ...loaded];
  }

  async page(query: CatalogueQuery): Promise<Page<Product>> {
    const key = pageKey(query);
    const cached = this.cache.page(key);
    if (cached) {
      const { ids, ...counts } = cached;
      const found = new Map((await this.findByIds(ids)).map((product) => [product.id, product]));
      const items = ids.flatMap((id) => found.get(id) ?? []);
      // a product gone from the database since: read the page again rather than show a hole
      if (items.length === ids.length) return { ...counts, items };
    }
    const epoch = this.cache.epoch;
    const page = await this.inner.page(query);
    this.cache.storePage(key, page, epoch);
    return page;
  }
}

const pageKey = ({ window, search }: CatalogueQuery): string =>
  JSON.stringify([
    window.size,
    window.backward,
    window.cursor?.createdAt.toISOString(),
    window.cursor?.id,
    search ?? '',
  ]);
