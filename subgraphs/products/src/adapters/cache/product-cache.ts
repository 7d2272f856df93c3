import { LRUCache } from 'lru-cache';
import type { Page } from '@shopgraph/service-kit/pagination';
import type { Product } from '../../domain/product';

/** A catalogue page without its products: which IDs, in which order, and its counts. */
export interface CachedPage extends Omit<Page<Product>, 'items'> {
  readonly ids: readonly string[];
}

/** Options of {@link ProductCache}. */
export interface ProductCacheOptions {
  /** How long an entry may live without an invalidation: the backstop for a lost event. */
  readonly ttlMs: number;
  /** Products kept, least recently read evicted first. Default 10,000. */
  readonly maxProducts?: number;
  /** Catalogue pages kept (one per window and search). Default 1,000. */
  readonly maxPages?: number;
  /** The clock TTLs are read on. Default: `performance`. */
  readonly clock?: { now(): number };
}

/**
 * Products and catalogue pages held in this process, as every identity may see them (no field
 * of a product depends on who asks). A fill is stored only if no invalidation happened since its
 * read began (`epoch`): a read that raced a change can never put the older value back.
 */
export class ProductCache {
  private readonly products: LRUCache<string, Product>;
  private readonly pages: LRUCache<string, CachedPage>;
  private generation = 0;

  constructor({ ttlMs, maxProducts = 10_000, maxPages = 1_000, clock }: ProductCacheOptions) {
    // ttlResolution 0: the clock is read on every lookup, never a value lru-cache kept from before
    const timing = { ttl: ttlMs, ttlResolution: 0, ...(clock ? { perf: clock } : {}) };
    this.products = new LRUCache({ max: maxProducts, ...timing });
    this.pages = new LRUCache({ max: maxPages, ...timing });
  }

  /** Take it before reading the database; hand it back to a `store…` call. */
  get epoch(): number {
    return this.generation;
  }

  product(id: string): Product | undefined {
    return this.products.get(id);
  }

  page(key: string): CachedPage | undefined {
    return this.pages.get(key);
  }

  storeProducts(products: readonly Product[], epoch: number): void {
    if (epoch !== this.generation) return;
    for (const product of products) this.products.set(product.id, product);
  }

  storePage(key: string, page: Page<Product>, epoch: number): void {
    if (epoch !== this.generation) return;
    const { items, ...counts } = page;
    this.storeProducts(items, epoch);
    this.pages.set(key, { ...counts, ids: items.map((item) => item.id) });
  }

  /** These products changed (their stock, say): the next read goes to the database. */
  forgetProducts(ids: readonly string[]): void {
    this.generation++;
    for (const id of ids) this.products.delete(id);
  }

  /** A product was added: every page's membership and count may differ. */
  forgetPages(): void {
    this.generation++;
    this.pages.clear();
  }

  /** Something changed and the event does not say what. */
  forgetAll(): void {
    this.generation++;
    this.products.clear();
    this.pages.clear();
  }
}
