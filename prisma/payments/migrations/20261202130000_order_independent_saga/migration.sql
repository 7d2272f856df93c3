-- Order-independent payments saga (decision 0021). A payment request records whatever arrives
-- first: order.placed (customer, token), stock.reserved (amount, currency) or a closing event
-- (stock.rejected, order.cancelled: a tombstone with neither). A PENDING payment is a charge
-- due, and the charge worker leases it while the processor answers.

-- AlterTable
ALTER TABLE "payment_requests" ALTER COLUMN "customer_id" DROP NOT NULL,
ALTER COLUMN "token" DROP NOT NULL,
ADD COLUMN "amount" BIGINT,
ADD COLUMN "currency" CHAR(3);

-- AlterTable
ALTER TABLE "payments" ADD COLUMN "charge_lease_until" TIMESTAMPTZ(3);

-- The queue of the charge worker: due charges only, whose lease is free or has run out
CREATE INDEX "payments_charge_due_idx" ON "payments" ("charge_lease_until") WHERE "status" = 'PENDING';

-- Hand-written: the priced amount is money, kept within JavaScript's safe integers (decision 0022).
ALTER TABLE "payment_requests" ADD CONSTRAINT "payment_requests_amount_safe" CHECK ("amount" BETWEEN 0 AND 9007199254740991);
