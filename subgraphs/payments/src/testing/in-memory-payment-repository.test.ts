import { InMemoryPaymentRepository } from './in-memory-payment-repository';
import { paymentRepositoryContract } from './payment-repository-contract';

paymentRepositoryContract('InMemoryPaymentRepository', async (payments) => new InMemoryPaymentRepository(payments));
