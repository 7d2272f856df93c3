-- Trace context for the charge (decision 0031). No semicolons in these comments: the schema
-- engine splits statements on them before PostgreSQL reads them.
-- payments.trace_context: the saga step that made the charge due, which the charge continues.
ALTER TABLE "payments" ADD COLUMN "trace_context" JSONB;

-- payment_requests.trace_context: the first saga event heard of an order. A charge has two
-- causes (order.placed and stock.reserved), and payments.trace_link keeps the one that is not its parent.
ALTER TABLE "payment_requests" ADD COLUMN "trace_context" JSONB;
ALTER TABLE "payments" ADD COLUMN "trace_link" JSONB;
