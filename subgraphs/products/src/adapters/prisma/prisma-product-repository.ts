import { conflict } from '@shopgraph/service-kit/app-error';
import { isUniqueViolation } from '@shopgraph/service-kit/database/unique-violation';
import type { Page } from '@shopgraph/service-kit/pagination';
import type {
  CatalogueQuery,
  NewProduct,
  ProductRepository,
  StockIncrease,
  StockIncreaseOutcome,
} from '../../application/ports';
import type { Product } from '../../domain/product';
import { cataloguePageSql, toPage } from './catalogue-page-query';
import type { CataloguePageRow } from './catalogue-page-query';
import type { PrismaClient } from './generated/client';
import { toProduct, toRecord } from './product-record';

export class PrismaProductRepository implements ProductRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(product: NewProduct): Promise<Product> {
    try {
      return toProduct(await this.prisma.product.create({ data: toRecord(product) }));
    } catch (error) {
      // the unique index decides, so two racing creates cannot both pass a prior lookup
      if (isUniqueViolation(error)) throw conflict('A product with this SKU already exists.');
      throw error;
    }
  }

  async findByIds(ids: readonly string[]): Promise<Product[]> {
    const records = await this.prisma.product.findMany({ where: { id: { in: [...ids] } } });
    return records.map(toProduct);
  }

  async increaseStock({ id, quantity, ceiling }: StockIncrease): Promise<StockIncreaseOutcome> {
    // UPDATE … SET stock = stock + $n WHERE … RETURNING: PostgreSQL re-checks the WHERE
    // on the latest row version, so concurrent increases neither get lost nor overshoot.
    // received grows in the same statement, so received = stock + reserved + sold holds at
    // every commit, whatever reservation races with it.
    const [updated] = await this.prisma.product.updateManyAndReturn({
      where: { id, stock: { lte: ceiling - quantity } },
      data: { stock: { increment: quantity }, received: { increment: quantity } },
    });
    if (updated) return { kind: 'increased', product: toProduct(updated) };
    // refusal path only: tell "no such product" from "too much stock"
    const current = await this.prisma.product.findUnique({ where: { id }, select: { stock: true } });
    return current ? { kind: 'over_ceiling', stock: current.stock } : { kind: 'unknown_product' };
  }

  async page(query: CatalogueQuery): Promise<Page<Product>> {
    const rows = await this.prisma.$queryRaw<CataloguePageRow[]>(cataloguePageSql(query));
    return toPage(rows, query.window);
  }
}
