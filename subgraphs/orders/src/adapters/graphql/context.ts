import type DataLoader from 'dataloader';
import { byIdLoader } from '@shopgraph/service-kit/by-id-loader';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import type { OrderRepository } from '../../application/ports';
import type { Order } from '../../domain/order';

export interface OrdersContext extends SignedRequest {
  readonly loaders: { readonly order: DataLoader<string, Order | undefined> };
}

/** A fresh set of loaders per request, so batching never leaks data between callers. */
export const ordersContext =
  (orders: OrderRepository) =>
  (request: SignedRequest): OrdersContext => ({
    ...request,
    loaders: { order: byIdLoader((ids) => orders.findByIds(ids)) },
  });
