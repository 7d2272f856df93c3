import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { newId } from '@shopgraph/service-kit/ids';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import type { ChargeInput } from '../../application/card-processor';
import { PrismaClient } from '../prisma/generated/client';
import { MAX_CHARGE_AMOUNT, SimulatedCardProcessor } from './simulated-card-processor';
import type { SimulatedCardProcessorOptions } from './simulated-card-processor';

// every charge gets a fresh key (an order ID), so the cases share one database safely
const aCharge = (overrides: Partial<ChargeInput> = {}): ChargeInput => ({
  idempotencyKey: newId(),
  amount: 4_200,
  currency: 'EUR',
  token: 'tok_visa',
  ...overrides,
});

describe('SimulatedCardProcessor on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prisma: PrismaClient;
  let processor: SimulatedCardProcessor;
  const aProcessor = (options: Omit<SimulatedCardProcessorOptions, 'prisma'>) =>
    new SimulatedCardProcessor({ prisma, ...options });

  beforeAll(async () => {
    database = await createTestDatabase('payments');
    // 50 racing charges must really run concurrently, not queue behind a few connections
    pool = createServicePool(database.url, { max: 20 });
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    processor = aProcessor({ slowDelayMs: 60_000 });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  });

  it('captures a tok_visa charge and records it once', async () => {
    const charge = aCharge();
    const result = await processor.charge(charge);
    expect(result).toEqual({ status: 'captured', chargeId: expect.any(String) });
    const stored = await prisma.simulatedProcessorCharge.findUniqueOrThrow({ where: { id: result.chargeId } });
    expect(stored).toMatchObject({ idempotencyKey: charge.idempotencyKey, amount: 4_200n, currency: 'EUR' });
    expect(await processor.countCharges({ idempotencyKey: charge.idempotencyKey, status: 'captured' })).toBe(1);
  });

  it('declines a tok_chargeDeclined charge with reason card_declined, and records it', async () => {
    const charge = aCharge({ token: 'tok_chargeDeclined' });
    const result = await processor.charge(charge);
    expect(result).toEqual({ status: 'declined', chargeId: expect.any(String), reason: 'card_declined' });
    expect(await processor.countCharges({ idempotencyKey: charge.idempotencyKey, status: 'declined' })).toBe(1);
    expect(await processor.charge(charge)).toEqual(result);
  });

  it('declines a charge above its per-charge limit, and captures one exactly at it', async () => {
    const over = aCharge({ amount: 2_200_000_000 });
    expect(await processor.charge(over)).toEqual({
      status: 'declined',
      chargeId: expect.any(String),
      reason: 'card_declined',
    });
    expect(await processor.countCharges({ idempotencyKey: over.idempotencyKey, status: 'declined' })).toBe(1);
    const atLimit = await processor.charge(aCharge({ amount: MAX_CHARGE_AMOUNT }));
    expect(atLimit.status).toBe('captured');
  });

  it.each([
    ['an unknown token', { token: 'tok_mastercard' }, /token is not recognised/],
    ['a negative amount', { amount: -1 }, /amount/],
    ['a fractional amount', { amount: 9.99 }, /amount/],
    ['a lower-case currency', { currency: 'eur' }, /currency/],
    ['an empty idempotency key', { idempotencyKey: '' }, /idempotency key/],
  ])('refuses %s as invalid and records nothing', async (_what, overrides, message) => {
    const charge = aCharge(overrides);
    await expect(processor.charge(charge)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(message),
    });
    expect(await processor.countCharges({ idempotencyKey: charge.idempotencyKey })).toBe(0);
  });

  it('makes one charge of 50 concurrent attempts with one key, and answers all of them alike', async () => {
    const charge = aCharge();
    const results = await Promise.all(Array.from({ length: 50 }, () => processor.charge(charge)));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await processor.countCharges({ idempotencyKey: charge.idempotencyKey })).toBe(1);
  });

  it('answers a second charge with the same key but another amount with the first result', async () => {
    const first = aCharge({ amount: 1_000 });
    const result = await processor.charge(first);
    // the key names the order: a changed amount is a bug upstream, never a second charge
    expect(await processor.charge({ ...first, amount: 2_000, token: 'tok_chargeDeclined' })).toEqual(result);
    const stored = await prisma.simulatedProcessorCharge.findMany({ where: { idempotencyKey: first.idempotencyKey } });
    expect(stored.map((c) => c.amount)).toEqual([1_000n]);
  });

  it('refunds a captured charge once, however often or concurrently it is asked', async () => {
    const { chargeId } = await processor.charge(aCharge());
    const refund = { idempotencyKey: newId(), chargeId };
    const first = await processor.refund(refund);
    expect(first).toEqual({ status: 'refunded', chargeId, refundedAt: expect.any(Date) });
    const again = await Promise.all([
      processor.refund(refund),
      processor.refund({ ...refund, idempotencyKey: newId() }),
    ]);
    expect(again).toEqual([first, first]);
    const stored = await prisma.simulatedProcessorCharge.findUniqueOrThrow({ where: { id: chargeId } });
    expect(stored).toMatchObject({
      status: 'refunded',
      refundedAt: first.refundedAt,
      refundIdempotencyKey: refund.idempotencyKey,
    });
  });

  it('still answers a repeated charge with its capture after the charge was refunded', async () => {
    const charge = aCharge();
    const result = await processor.charge(charge);
    await processor.refund({ idempotencyKey: newId(), chargeId: result.chargeId });
    expect(await processor.charge(charge)).toEqual(result);
    expect(await processor.countCharges({ idempotencyKey: charge.idempotencyKey })).toBe(1);
  });

  it('refuses to refund a declined charge, and an unknown one', async () => {
    const { chargeId } = await processor.charge(aCharge({ token: 'tok_chargeDeclined' }));
    await expect(processor.refund({ idempotencyKey: newId(), chargeId })).rejects.toMatchObject({ kind: 'conflict' });
    const stored = await prisma.simulatedProcessorCharge.findUniqueOrThrow({ where: { id: chargeId } });
    expect(stored).toMatchObject({ status: 'declined', refundedAt: null });
    for (const unknown of [newId(), 'ch_not-a-uuid']) {
      await expect(processor.refund({ idempotencyKey: newId(), chargeId: unknown })).rejects.toMatchObject({
        kind: 'not_found',
      });
    }
  });

  it('records a tok_slow charge only after its delay, then captures it', async () => {
    const slow = aProcessor({ slowDelayMs: 400 });
    const charge = aCharge({ token: 'tok_slow' });
    const started = Date.now();
    const pending = slow.charge(charge);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await slow.countCharges({ idempotencyKey: charge.idempotencyKey })).toBe(0);
    expect(await pending).toEqual({ status: 'captured', chargeId: expect.any(String) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(await slow.countCharges({ idempotencyKey: charge.idempotencyKey, status: 'captured' })).toBe(1);
  });

  it('records nothing for a tok_slow charge abandoned by close', async () => {
    const slow = aProcessor({ slowDelayMs: 60_000 });
    const charge = aCharge({ token: 'tok_slow' });
    const pending = slow.charge(charge);
    slow.close();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await slow.countCharges({ idempotencyKey: charge.idempotencyKey })).toBe(0);
  });

  it.each([-1, 2 ** 53])('refuses the amount %d in the ledger itself', async (amount) => {
    const row = { id: newId(), idempotencyKey: newId(), token: 'tok_visa', amount: BigInt(amount), currency: 'EUR' };
    await expect(prisma.simulatedProcessorCharge.create({ data: { ...row, status: 'captured' } })).rejects.toThrow(
      /simulated_processor_charges_amount_safe/,
    );
  });
});
