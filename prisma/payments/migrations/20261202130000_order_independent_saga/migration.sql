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

-- A payment abandoned (FAILED) after a worker sent its charge, whose answer never settled (the
-- process died): the reconciler asks the processor what it recorded and refunds a capture, then
-- sets reconciled_at.
ALTER TABLE "payments" ADD COLUMN "reconciled_at" TIMESTAMPTZ(3);
CREATE INDEX "payments_unreconciled_idx" ON "payments" ("charge_lease_until")
  WHERE "status" = 'FAILED' AND "charge_id" IS NULL AND "reconciled_at" IS NULL;
