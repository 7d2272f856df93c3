-- Money in 64 bits (issue 9, decision 0022). 32-bit columns overflowed at 2^31 minor units
-- (22 × 100,000,000 = 2,200,000,000 failed every saga step that stored it). Every amount is
-- now BIGINT, and a CHECK keeps it within JavaScript's safe integers (0 .. 2^53 − 1), so the
-- services read each stored amount back exactly as a Number.

-- AlterTable
ALTER TABLE "products" ALTER COLUMN "price" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "reservations" ALTER COLUMN "unit_price" SET DATA TYPE BIGINT;

-- Hand-written: Prisma cannot express CHECK constraints. products.price keeps its catalogue
-- range (products_price_range, 0 .. 100,000,000), already inside the safe range.
ALTER TABLE "reservations" DROP CONSTRAINT "reservations_unit_price_range";
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_unit_price_range" CHECK ("unit_price" BETWEEN 0 AND 9007199254740991);
