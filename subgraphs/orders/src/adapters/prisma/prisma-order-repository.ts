import { pageOf } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
import type { CustomerOrdersQuery, OrderRepository } from '../../application/ports';
import type { Order } from '../../domain/order';
import type { PrismaClient } from './generated/client';
import { toOrder } from './order-row';
import type { OrderRow } from './order-row';
import { customerPageSql, ordersByIdsSql } from './order-sql';

/** A page row: the count always, the order's columns only when the page is not empty. */
type PageRow = { readonly total_count: number } & (OrderRow | { readonly id: null });

const hasOrder = (row: PageRow): row is { readonly total_count: number } & OrderRow => row.id !== null;

// Raw SQL, not the query builder: Prisma's `include` costs one statement per relation, and
// every subgraph fetch of orders must be exactly one statement (see order-sql.ts).
export class PrismaOrderRepository implements OrderRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findByIds(ids: readonly string[]): Promise<Order[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.$queryRaw<OrderRow[]>(ordersByIdsSql(ids));
    return rows.map(toOrder);
  }

  async pageOfCustomer(query: CustomerOrdersQuery): Promise<Page<Order>> {
    const rows = await this.prisma.$queryRaw<PageRow[]>(customerPageSql(query));
    return pageOf(rows.filter(hasOrder).map(toOrder), query.first, rows[0]?.total_count ?? 0);
  }
}
