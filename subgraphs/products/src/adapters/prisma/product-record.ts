import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import type { Product } from '../../domain/product';
import type { Product as ProductRecord } from './generated/client';

/** Whitelist: only these columns become a Product (updatedAt and any later column stay here). */
export const toProduct = ({
  id,
  sku,
  name,
  description,
  price,
  currency,
  stock,
  createdAt,
}: ProductRecord): Product => ({
  id,
  sku,
  name,
  description,
  // BIGINT → number, refusing (never rounding) what a number cannot hold (decision 0022)
  price: { amount: safeIntegerFromColumn(price, 'products.price'), currency },
  stock,
  createdAt,
});

/** The columns a new Product is stored in: all its initial stock counts as received. */
export const toRecord = ({ id, sku, name, description, price, stock, createdAt }: Product) => ({
  id,
  sku,
  name,
  description,
  price: price.amount,
  currency: price.currency,
  stock,
  received: stock,
  createdAt,
});
