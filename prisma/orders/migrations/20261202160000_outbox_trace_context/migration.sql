-- The W3C trace context of the span that wrote each event (decision 0031): the relay publishes
-- it in the envelope, so the consumers of the saga continue the trace of the request behind it.
ALTER TABLE "outbox" ADD COLUMN "trace_context" JSONB;
