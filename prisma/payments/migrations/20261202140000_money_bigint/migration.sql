-- Money in 64 bits (issue 9, decision 0022). 32-bit columns overflowed at 2^31 minor units.
-- Every amount is now BIGINT, and a CHECK keeps it within JavaScript's safe integers
-- (0 .. 2^53 − 1), so the service reads each stored amount back exactly as a Number.

-- AlterTable
ALTER TABLE "payments" ALTER COLUMN "amount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "simulated_processor_charges" ALTER COLUMN "amount" SET DATA TYPE BIGINT;

-- Hand-written: Prisma cannot express CHECK constraints. The safe range replaces the
-- non-negative checks, which it includes.
ALTER TABLE "payments" DROP CONSTRAINT "payments_amount_non_negative";
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_safe" CHECK ("amount" BETWEEN 0 AND 9007199254740991);
ALTER TABLE "simulated_processor_charges" DROP CONSTRAINT "simulated_processor_charges_amount_non_negative";
ALTER TABLE "simulated_processor_charges" ADD CONSTRAINT "simulated_processor_charges_amount_safe" CHECK ("amount" BETWEEN 0 AND 9007199254740991);
