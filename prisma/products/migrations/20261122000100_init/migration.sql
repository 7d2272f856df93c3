-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateExtension (hand-written: Prisma does not manage extensions, and the trigram
-- indexes below need it. pg_trgm is trusted, so the database owner may create it.)
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "stock" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "products_sku_key" ON "products"("sku");

-- CreateIndex
CREATE INDEX "products_created_at_id_idx" ON "products"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "products_name_trgm_idx" ON "products" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "products_sku_trgm_idx" ON "products" USING GIN ("sku" gin_trgm_ops);

-- Hand-written: Prisma cannot express CHECK constraints. The application never lets
-- stock go negative or past a billion (so it always fits a GraphQL Int), and these make sure
-- no other writer can either.
ALTER TABLE "products" ADD CONSTRAINT "products_stock_range" CHECK ("stock" BETWEEN 0 AND 1000000000);
ALTER TABLE "products" ADD CONSTRAINT "products_price_range" CHECK ("price" BETWEEN 0 AND 100000000);
ALTER TABLE "products" ADD CONSTRAINT "products_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$');
