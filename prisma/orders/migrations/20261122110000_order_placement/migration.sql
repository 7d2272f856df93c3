-- Idempotent placement (decision 0016) and the order event log that live subscriptions stream.

-- CreateEnum
CREATE TYPE "OrderEventType" AS ENUM ('PLACED', 'STOCK_RESERVED', 'STOCK_REJECTED', 'PAYMENT_CAPTURED', 'PAYMENT_FAILED', 'CONFIRMED', 'CANCELLED');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "request_hash" TEXT;

-- CreateTable
CREATE TABLE "order_events" (
    "sequence" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "type" "OrderEventType" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_events_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE UNIQUE INDEX "orders_customer_id_idempotency_key_key" ON "orders"("customer_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "order_events_id_key" ON "order_events"("id");

-- CreateIndex
CREATE INDEX "order_events_customer_id_sequence_idx" ON "order_events"("customer_id", "sequence");

-- CreateIndex
CREATE INDEX "order_events_order_id_sequence_idx" ON "order_events"("order_id", "sequence");

-- Added by hand (Prisma cannot express CHECK constraints): an order placed through placeOrder
-- carries both its key and the hash of its input, and one created otherwise (the seed) neither.
ALTER TABLE "orders" ADD CONSTRAINT "orders_idempotency_check" CHECK (("idempotency_key" IS NULL) = ("request_hash" IS NULL));
