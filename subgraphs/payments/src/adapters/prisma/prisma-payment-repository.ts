import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import type { PaymentRepository } from '../../application/ports';
import type { Payment } from '../../domain/payment';
import type { PrismaClient, Payment as PaymentRecord } from './generated/client';

// Whitelist: a new column never reaches the graph until it is named here.
const toPayment = (record: PaymentRecord): Payment => ({
  id: record.id,
  orderId: record.orderId,
  customerId: record.customerId,
  // BIGINT → number, refusing (never rounding) what a number cannot hold (decision 0022)
  amount: { amount: safeIntegerFromColumn(record.amount, 'payments.amount'), currency: record.currency },
  status: record.status,
  failureReason: record.failureReason ?? undefined,
  createdAt: record.createdAt,
});

export class PrismaPaymentRepository implements PaymentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findByIds(ids: readonly string[]): Promise<Payment[]> {
    const records = await this.prisma.payment.findMany({ where: { id: { in: [...ids] } } });
    return records.map(toPayment);
  }

  async findByOrderIds(orderIds: readonly string[]): Promise<Payment[]> {
    const records = await this.prisma.payment.findMany({ where: { orderId: { in: [...orderIds] } } });
    return records.map(toPayment);
  }
}
