-- Money in 64 bits (issue 9, decision 0022). 32-bit columns overflowed at 2^31 minor units
-- (22 × 100,000,000 = 2,200,000,000 failed every saga step that stored it). Every amount is
-- now BIGINT, and a CHECK keeps it within JavaScript's safe integers (0 .. 2^53 − 1), so the
-- services read each stored amount back exactly as a Number.

-- AlterTable
ALTER TABLE "orders" ALTER COLUMN "total_amount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "order_items" ALTER COLUMN "unit_price" SET DATA TYPE BIGINT;

-- Hand-written: Prisma cannot express CHECK constraints (NULL, "not priced yet", passes).
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_amount_safe" CHECK ("total_amount" BETWEEN 0 AND 9007199254740991);
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_unit_price_safe" CHECK ("unit_price" BETWEEN 0 AND 9007199254740991);
