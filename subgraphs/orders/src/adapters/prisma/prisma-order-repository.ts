import { pageOf } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
import type { CustomerOrdersQuery, OrderRepository } from '../../application/ports';
import type { Order } from '../../domain/order';
import type { PrismaClient } from './generated/client';
import { toOrder } from './order-row';
import type { OrderRow } from './order-row';
import { customerPageSql, ordersByIdsSql } from './order-sql';

/** A page row: the count always, the order's columns only when the page is not empty. */
interface PageTotals {
  readonly total_count: number;
  readonly beyond_cursor: boolean;
}
type PageRow = PageTotals & (OrderRow | { readonly id: null });

const hasOrder = (row: PageRow): row is PageTotals & OrderRow => row.id !== null;

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
    const items = rows.filter(hasOrder).map(toOrder);
    const totals = { beyondCursor: rows[0]?.beyond_cursor ?? false, totalCount: rows[0]?.total_count ?? 0 };
    return pageOf(query.window, { items, ...totals });
  }
}
