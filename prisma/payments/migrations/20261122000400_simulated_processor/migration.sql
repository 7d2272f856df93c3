-- Storage of the simulated external card processor (decision 0015), not the payment domain.
-- It lives in the payments database only so that it survives a crash of the payments process.

-- CreateEnum
CREATE TYPE "simulated_charge_status" AS ENUM ('captured', 'declined', 'refunded');

-- CreateTable
CREATE TABLE "simulated_processor_charges" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "simulated_charge_status" NOT NULL,
    "refund_idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refunded_at" TIMESTAMPTZ(3),

    CONSTRAINT "simulated_processor_charges_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "simulated_processor_charges_idempotency_key_key" ON "simulated_processor_charges"("idempotency_key");

-- Hand-written: Prisma cannot express CHECK constraints, so the schema only mentions them.
-- A charge is in minor units and never negative (a refund changes the status, not the amount).
ALTER TABLE "simulated_processor_charges" ADD CONSTRAINT "simulated_processor_charges_amount_non_negative" CHECK ("amount" >= 0);
-- ISO 4217 codes are three capital letters (CHAR(3) alone would pad "EU" to "EU ").
ALTER TABLE "simulated_processor_charges" ADD CONSTRAINT "simulated_processor_charges_currency_iso_4217" CHECK ("currency" ~ '^[A-Z]{3}$');
-- A refund time exists exactly when the charge was refunded, so the two can never disagree.
ALTER TABLE "simulated_processor_charges" ADD CONSTRAINT "simulated_processor_charges_refunded_at_matches_status" CHECK (("status" = 'refunded') = ("refunded_at" IS NOT NULL));
