import { conflict } from '@shopgraph/service-kit/app-error';
import type { Cursor, Page } from '@shopgraph/service-kit/pagination';
import type {
  CatalogueQuery,
  NewProduct,
  ProductRepository,
  StockIncrease,
  StockIncreaseOutcome,
} from '../../application/ports';
import type { Product } from '../../domain/product';

// The catalogue order: createdAt DESC, then id DESC (as PostgreSQL compares uuids).
function newestFirst(a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

const isAfter = (product: Product, cursor: Cursor): boolean => newestFirst(cursor, product) < 0;

const contains = (text: string, search: string): boolean => text.toLowerCase().includes(search.toLowerCase());

/**
 * The repository port kept in a Map, for unit tests of use cases and resolvers. It passes
 * the same contract suite as the Prisma repository, so tests on it say something true.
 */
export class InMemoryProductRepository implements ProductRepository {
  private readonly rows = new Map<string, Product>();

  async create(product: NewProduct): Promise<Product> {
    if ([...this.rows.values()].some((row) => row.sku === product.sku)) {
      throw conflict('A product with this SKU already exists.');
    }
    const stored = { ...product, price: { ...product.price } };
    this.rows.set(stored.id, stored);
    return stored;
  }

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    return ids.flatMap((id) => this.rows.get(id) ?? []);
  }

  async increaseStock({ id, quantity, ceiling }: StockIncrease): Promise<StockIncreaseOutcome> {
    const current = this.rows.get(id);
    if (!current) return { kind: 'unknown_product' };
    if (current.stock + quantity > ceiling) return { kind: 'over_ceiling', stock: current.stock };
    const product = { ...current, stock: current.stock + quantity };
    this.rows.set(id, product);
    return { kind: 'increased', product };
  }

  async page({ first, after, search }: CatalogueQuery): Promise<Page<Product>> {
    const matching = [...this.rows.values()]
      .filter((p) => search === undefined || contains(p.name, search) || contains(p.sku, search))
      .sort(newestFirst);
    const rest = after ? matching.filter((p) => isAfter(p, after)) : matching;
    return { items: rest.slice(0, first), hasNextPage: rest.length > first, totalCount: matching.length };
  }
}
