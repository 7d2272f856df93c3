import { toConnection } from '@shopgraph/service-kit/pagination';
import type { Connection, Page } from '@shopgraph/service-kit/pagination';
import type { Order } from '../../domain/order';
import { toOrderNode } from './order-node';
import type { OrderNode } from './order-node';

export type OrderConnection = Connection<OrderNode>;

/** A page as a Relay-style connection; each cursor is the order's keyset position. */
export const toOrderConnection = (page: Page<Order>): OrderConnection => toConnection(page, toOrderNode);
