import type { Payment } from '../domain/payment';

export interface PaymentRepository {
  /** One query for any number of IDs; missing IDs are simply absent. */
  findByIds(ids: readonly string[]): Promise<Payment[]>;
  /** One query for any number of order IDs; orders without a payment are simply absent. */
  findByOrderIds(orderIds: readonly string[]): Promise<Payment[]>;
}
