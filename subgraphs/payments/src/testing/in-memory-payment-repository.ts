import type { PaymentRepository } from '../application/ports';
import type { Payment } from '../domain/payment';

/** Tests only: the port over an array, counting batches so tests can prove there is no N+1. */
export class InMemoryPaymentRepository implements PaymentRepository {
  /** Calls made to the repository, one per DataLoader batch. */
  batches = 0;

  constructor(private readonly payments: readonly Payment[] = []) {}

  async findByIds(ids: readonly string[]): Promise<Payment[]> {
    this.batches += 1;
    return this.payments.filter((payment) => ids.includes(payment.id));
  }

  async findByOrderIds(orderIds: readonly string[]): Promise<Payment[]> {
    this.batches += 1;
    return this.payments.filter((payment) => orderIds.includes(payment.orderId));
  }
}
