import { nullableSafeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import { isOrderStatus } from '../../domain/order';
import type { Money, Order, OrderLine, OrderStatus } from '../../domain/order';

/** An order as order-sql.ts selects it: snake_case columns, lines as json_agg output. */
export interface OrderRow {
  readonly id: string;
  readonly customer_id: string;
  readonly status: string;
  readonly cancellation_reason: string | null;
  /** BIGINT: a bigint from Prisma's raw queries, a string from pg. */
  readonly total_amount: bigint | string | number | null;
  readonly currency: string | null;
  readonly created_at: Date | string;
  readonly updated_at: Date | string;
  /** Absent from rows read before the column existed (a test's hand-made row): false. */
  readonly payment_captured?: boolean;
  /** Parsed JSON or its text, depending on how the driver hands json columns over. */
  readonly items: unknown;
}

const corrupt = (what: string) => new Error(`orders database returned a malformed ${what}`);

function toStatus(value: string): OrderStatus {
  if (!isOrderStatus(value)) throw corrupt('status');
  return value;
}

// A timestamp without an offset is UTC here: every column is timestamptz, and the
// server's or process's time zone must never shift an order's time.
const HAS_OFFSET = /\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/;

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(HAS_OFFSET.test(value) ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw corrupt('timestamp');
  return date;
}

// BIGINT → number, refusing (never rounding) an amount a number cannot hold (decision 0022)
function toMoney(amount: bigint | string | number | null, currency: string | null, column: string): Money | null {
  const minorUnits = nullableSafeIntegerFromColumn(amount, column);
  return minorUnits === null || currency === null ? null : { amount: minorUnits, currency };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
// json_build_object writes a BIGINT as a JSON number; a string is accepted too
const nullableAmount = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? value : null);
const nullableString = (value: unknown) => (typeof value === 'string' ? value : null);

function toLine(value: unknown): OrderLine {
  if (!isRecord(value) || typeof value['productId'] !== 'string' || typeof value['quantity'] !== 'number') {
    throw corrupt('order line');
  }
  return {
    productId: value['productId'],
    quantity: value['quantity'],
    unitPrice: toMoney(nullableAmount(value['unitPrice']), nullableString(value['currency']), 'order_items.unit_price'),
  };
}

function toLines(items: unknown): OrderLine[] {
  const parsed: unknown = typeof items === 'string' ? JSON.parse(items) : items;
  if (!Array.isArray(parsed)) throw corrupt('list of order lines');
  return parsed.map(toLine);
}

/** Whitelists a row into the aggregate: only the fields named here ever leave the adapter. */
export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: toStatus(row.status),
    lines: toLines(row.items),
    total: toMoney(row.total_amount, row.currency, 'orders.total_amount'),
    cancellationReason: row.cancellation_reason,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    ...(row.payment_captured === true && { paymentCaptured: true }),
  };
}
