import type { EventEnvelope } from '@shopgraph/events/envelope';
import { productCreatedV1 } from '@shopgraph/events/product-events';
import { stockRestockedV1 } from '@shopgraph/events/stock-events';
import { outboxInsertSql } from '@shopgraph/outbox/append-to-outbox';
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
import type { Prisma, PrismaClient } from './generated/client';
import { toProduct, toRecord } from './product-record';

// Prisma's own defaults (2 s to start, 5 s to finish) would fail a busy but healthy database
// first: the pool's connect timeout and the statement timeout are what decide (decision 0023).
const TRANSACTION = { maxWait: 10_000, timeout: 20_000 } as const;

/**
 * Products in PostgreSQL. Each change commits with the event that announces it, through the
 * outbox, so every replica's cache hears of it (decision 0047).
 */
export class PrismaProductRepository implements ProductRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(product: NewProduct): Promise<Product> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const created = toProduct(await tx.product.create({ data: toRecord(product) }));
        await announce(tx, [productCreatedV1.create({ aggregateId: created.id, payload: { productId: created.id } })]);
        return created;
      }, TRANSACTION);
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

  async increaseStock(change: StockIncrease): Promise<StockIncreaseOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const outcome = await increaseIn(tx, change);
      if (outcome.kind === 'increased') {
        const { id: productId, stock } = outcome.product;
        const payload = { productId, quantity: change.quantity, stock };
        await announce(tx, [stockRestockedV1.create({ aggregateId: productId, payload })]);
      }
      return outcome;
    }, TRANSACTION);
  }

  async page(query: CatalogueQuery): Promise<Page<Product>> {
    const rows = await this.prisma.$queryRaw<CataloguePageRow[]>(cataloguePageSql(query));
    return toPage(rows, query.window);
  }
}

async function increaseIn(
  tx: Prisma.TransactionClient,
  { id, quantity, ceiling }: StockIncrease,
): Promise<StockIncreaseOutcome> {
  // UPDATE … SET stock = stock + $n WHERE … RETURNING: PostgreSQL re-checks the WHERE
  // on the latest row version, so concurrent increases neither get lost nor overshoot.
  // received grows in the same statement, so received = stock + reserved + sold holds at
  // every commit, whatever reservation races with it.
  const [updated] = await tx.product.updateManyAndReturn({
    where: { id, stock: { lte: ceiling - quantity } },
    data: { stock: { increment: quantity }, received: { increment: quantity } },
  });
  if (updated) return { kind: 'increased', product: toProduct(updated) };
  // refusal path only: tell "no such product" from "too much stock"
  const current = await tx.product.findUnique({ where: { id }, select: { stock: true } });
  return current ? { kind: 'over_ceiling', stock: current.stock } : { kind: 'unknown_product' };
}

/** Appends `events` to the outbox inside the transaction `tx`: they commit with the change. */
async function announce(tx: Prisma.TransactionClient, events: readonly EventEnvelope[]): Promise<void> {
  const { text, values } = outboxInsertSql(events);
  await tx.$executeRawUnsafe(text, ...values);
}
