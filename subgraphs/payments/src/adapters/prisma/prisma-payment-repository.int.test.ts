import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { isUniqueViolation } from '@shopgraph/service-kit/database/unique-violation';
import { newId } from '@shopgraph/service-kit/ids';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import type { Payment } from '../../domain/payment';
import { aPayment } from '../../testing/payment-mother';
import { paymentRepositoryContract } from '../../testing/payment-repository-contract';
import { PrismaClient } from './generated/client';
import { PrismaPaymentRepository } from './prisma-payment-repository';

const toRecord = ({ amount, failureReason, ...rest }: Payment) => ({
  ...rest,
  amount: amount.amount,
  currency: amount.currency,
  failureReason: failureReason ?? null,
});

describe('PrismaPaymentRepository on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prisma: PrismaClient;
  let repository: PrismaPaymentRepository;
  const statements = { count: 0 };
  const store = async (...payments: Payment[]) => {
    await prisma.payment.createMany({ data: payments.map(toRecord) });
  };

  beforeAll(async () => {
    database = await createTestDatabase('payments');
    pool = createServicePool(database.url, { counter: statements });
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    repository = new PrismaPaymentRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  });

  // every payment gets fresh IDs, so the contract's cases share one database safely
  paymentRepositoryContract('PrismaPaymentRepository', async (payments) => {
    if (payments.length > 0) await store(...payments);
    return repository;
  });

  it('loads the payments of any number of orders in one statement', async () => {
    const payments = [1, 2, 3].map(() => aPayment());
    await store(...payments);
    const before = statements.count;
    const found = await repository.findByOrderIds([...payments.map((p) => p.orderId), newId()]);
    expect(statements.count - before).toBe(1);
    expect(found.map((p) => p.id).sort()).toEqual(payments.map((p) => p.id).sort());
  });

  it('loads any number of payments by ID in one statement', async () => {
    const payments = [1, 2, 3].map(() => aPayment());
    await store(...payments);
    const before = statements.count;
    const found = await repository.findByIds(payments.map((p) => p.id));
    expect(statements.count - before).toBe(1);
    expect(found).toHaveLength(3);
  });

  it('refuses a second payment for the same order, even when both race', async () => {
    const orderId = newId();
    const results = await Promise.allSettled([store(aPayment({ orderId })), store(aPayment({ orderId }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refusal = results.find((r) => r.status === 'rejected');
    expect(refusal?.status === 'rejected' && isUniqueViolation(refusal.reason)).toBe(true);
    expect(await repository.findByOrderIds([orderId])).toHaveLength(1);
  });

  it.each([-1, 2 ** 53])('refuses the amount %d, outside 0 .. 2^53 − 1', async (amount) => {
    const payment = aPayment({ amount: { amount, currency: 'EUR' } });
    await expect(store(payment)).rejects.toThrow(/payments_amount_safe/);
    expect(await repository.findByIds([payment.id])).toEqual([]);
  });

  it('stores and reads back an amount beyond 32 bits exactly', async () => {
    const payment = aPayment({ amount: { amount: Number.MAX_SAFE_INTEGER, currency: 'EUR' } });
    await store(payment);
    const [found] = await repository.findByIds([payment.id]);
    expect(found?.amount).toEqual({ amount: Number.MAX_SAFE_INTEGER, currency: 'EUR' });
  });

  it('refuses a currency that is not three capital letters', async () => {
    const payment = aPayment({ amount: { amount: 100, currency: 'eu' } });
    await expect(store(payment)).rejects.toThrow(/payments_currency_iso_4217/);
  });
});
