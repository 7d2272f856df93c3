import { conflict } from '@shopgraph/service-kit/app-error';
import { compareNewestFirst, pageOfList } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
import type {
  CatalogueQuery,
  NewProduct,
  ProductRepository,
  StockIncrease,
  StockIncreaseOutcome,
} from '../../application/ports';
import type { Product } from '../../domain/product';

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

  async page({ window, search }: CatalogueQuery): Promise<Page<Product>> {
    const matching = [...this.rows.values()]
      .filter((p) => search === undefined || contains(p.name, search) || contains(p.sku, search))
      .sort(compareNewestFirst);
    return pageOfList(matching, window);
  }
}
