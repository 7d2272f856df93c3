-- The payments side of the order saga (decision 0016): what order.placed told payments, kept
-- until stock.reserved gives the amount, and the processor's charge ID a refund needs.

-- CreateEnum
CREATE TYPE "payment_request_state" AS ENUM ('open', 'closed');

-- CreateTable
CREATE TABLE "payment_requests" (
    "order_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "token" TEXT NOT NULL,
    "state" "payment_request_state" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_requests_pkey" PRIMARY KEY ("order_id")
);

-- AlterTable
ALTER TABLE "payments" ADD COLUMN "charge_id" TEXT;
