import { lineTotal } from '../../domain/order';
import type { Money, Order, OrderLine, OrderStatus } from '../../domain/order';

/** `OrderItem` as the schema shows it; the product is a reference the products subgraph resolves. */
export interface OrderItemNode {
  readonly product: { readonly id: string };
  readonly quantity: number;
  readonly unitPrice: Money | null;
  readonly lineTotal: Money | null;
}

/** `Order` as the schema shows it; the customer is a reference the users subgraph resolves. */
export interface OrderNode {
  readonly id: string;
  readonly customer: { readonly id: string };
  readonly items: readonly OrderItemNode[];
  readonly total: Money | null;
  readonly status: OrderStatus;
  readonly cancellationReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const toOrderItemNode = (line: OrderLine): OrderItemNode => ({
  product: { id: line.productId },
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  lineTotal: lineTotal(line),
});

/** Whitelists what the API shows of an order: a field added to the domain stays private until listed here. */
export function toOrderNode(order: Order): OrderNode {
  return {
    id: order.id,
    customer: { id: order.customerId },
    items: order.lines.map(toOrderItemNode),
    total: order.total,
    status: order.status,
    cancellationReason: order.cancellationReason,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
