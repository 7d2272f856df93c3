-- Order-independent saga (decision 0021): a payment.captured heard before stock.reserved is
-- held on the order, which is confirmed once its stock is reserved. The settle deadline sweeper
-- reads unsettled orders oldest first.

-- AlterTable
ALTER TABLE "orders" ADD COLUMN "payment_captured" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "orders_unsettled_idx" ON "orders" ("created_at") WHERE "status" IN ('PENDING', 'AWAITING_PAYMENT');
