-- The W3C trace context of the saga step that made a charge due (decision 0031): the charge
-- worker charges it inside a span of that trace, so capture and confirmation join the order's.
ALTER TABLE "payments" ADD COLUMN "trace_context" JSONB;
