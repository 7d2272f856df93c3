import { describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import type { PaymentRepository } from '../application/ports';
import type { Payment } from '../domain/payment';
import { aPayment } from './payment-mother';

/** Builds a repository that already holds `payments` (a fresh store per call). */
export type RepositoryWith = (payments: readonly Payment[]) => Promise<PaymentRepository>;

/** What every PaymentRepository adapter must do; the memory and Prisma adapters both run it. */
export function paymentRepositoryContract(name: string, repositoryWith: RepositoryWith): void {
  describe(`${name} honours the PaymentRepository contract`, () => {
    it('returns each payment as it was stored, every field intact', async () => {
      const failed = aPayment({
        status: 'FAILED',
        failureReason: 'card_declined',
        amount: { amount: 0, currency: 'USD' },
      });
      const repository = await repositoryWith([failed]);
      expect(await repository.findByIds([failed.id])).toEqual([failed]);
    });

    it('finds payments by ID and leaves unknown IDs out', async () => {
      const [first, second, other] = [aPayment(), aPayment(), aPayment()];
      const repository = await repositoryWith([first, second, other]);
      const found = await repository.findByIds([first.id, second.id, newId()]);
      expect(found.map((p) => p.id).sort()).toEqual([first.id, second.id].sort());
    });

    it('finds payments by order ID and leaves orders without a payment out', async () => {
      const [first, second, other] = [aPayment(), aPayment(), aPayment()];
      const repository = await repositoryWith([first, second, other]);
      const found = await repository.findByOrderIds([first.orderId, second.orderId, newId()]);
      expect(found.map((p) => p.orderId).sort()).toEqual([first.orderId, second.orderId].sort());
    });

    it('does not take a payment ID for an order ID', async () => {
      const payment = aPayment();
      const repository = await repositoryWith([payment]);
      expect(await repository.findByOrderIds([payment.id])).toEqual([]);
    });
  });
}
