-- Retention (issue 4) deletes the order event log's rows older than ORDER_EVENTS_RETENTION_HOURS
-- in batches, oldest first.

-- CreateIndex
CREATE INDEX "order_events_occurred_at_idx" ON "order_events"("occurred_at");
