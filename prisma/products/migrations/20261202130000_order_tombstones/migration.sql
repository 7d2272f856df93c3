-- Order-independent saga (decision 0021): an order.cancelled leaves a tombstone, so an
-- order.placed that arrives after it (late, or redelivered) reserves nothing.

-- CreateTable
CREATE TABLE "order_tombstones" (
    "order_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_tombstones_pkey" PRIMARY KEY ("order_id")
);
