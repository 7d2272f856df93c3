import { describe } from 'vitest';
import { orderRepositoryContract } from '../../application/order-repository-contract';
import { InMemoryOrderRepository } from './in-memory-order-repository';

describe('InMemoryOrderRepository', () => {
  const repository = new InMemoryOrderRepository();
  orderRepositoryContract(() => ({ repository, insert: async (orders) => repository.add(orders) }));
});
