import { describe } from 'vitest';
import { productRepositoryContract } from '../../testing/product-repository-contract';
import { InMemoryProductRepository } from './in-memory-product-repository';

describe('InMemoryProductRepository', () => {
  productRepositoryContract(async () => new InMemoryProductRepository());
});
