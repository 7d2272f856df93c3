-- The transactional outbox and the consumers' processed event IDs (decision 0014): the DDL
-- of @shopgraph/outbox's OUTBOX_SQL, kept in step with the OutboxEvent and ProcessedEvent models.

CREATE TABLE "outbox" (
    "sequence" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "dead_letter" TEXT,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("sequence")
);

CREATE UNIQUE INDEX "outbox_id_key" ON "outbox"("id");

-- Added by hand (Prisma cannot express a partial index): the relay reads only unpublished rows.
CREATE INDEX "outbox_unpublished" ON "outbox"("sequence") WHERE "published_at" IS NULL;

CREATE TABLE "processed_events" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("consumer","event_id")
);
