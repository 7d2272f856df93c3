-- Stock reservations of the order saga (decision 0016). Every unit a product ever received
-- is available (products.stock), reserved or sold, so at all times, per product:
--   received = stock + reserved + sold
-- where reserved and sold are sums of reservations.quantity in those states.

-- CreateEnum
CREATE TYPE "reservation_state" AS ENUM ('reserved', 'sold', 'released');

-- AlterTable (hand-edited: Prisma would refuse a required column on a filled table. The
-- column is added nullable, backfilled - before this migration no unit was ever reserved or
-- sold, so every unit received is still in stock - and only then made NOT NULL.)
ALTER TABLE "products" ADD COLUMN "received" INTEGER;
UPDATE "products" SET "received" = "stock";
ALTER TABLE "products" ALTER COLUMN "received" SET NOT NULL;

-- CreateTable
CREATE TABLE "reservations" (
    "order_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "state" "reservation_state" NOT NULL DEFAULT 'reserved',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservations_pkey" PRIMARY KEY ("order_id","product_id")
);

-- CreateIndex
CREATE INDEX "reservations_product_id_state_idx" ON "reservations"("product_id", "state");

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: Prisma cannot express CHECK constraints. received only grows (creation and
-- restocks), and since stock is one of the three parts of received, it can never exceed it.
ALTER TABLE "products" ADD CONSTRAINT "products_received_range" CHECK ("received" >= 0);
ALTER TABLE "products" ADD CONSTRAINT "products_received_covers_stock" CHECK ("received" >= "stock");
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_unit_price_range" CHECK ("unit_price" >= 0);
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
