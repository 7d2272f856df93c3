import { z } from 'zod';

/** The first and only version of the file format the gateway writes and `schema:check` reads. */
export const USAGE_RECORD_FORMAT = 'shopgraph-operation-usage';

const clientUsageSchema = z.object({
  name: z.string(),
  version: z.string(),
  count: z.number().int().min(0),
  firstSeen: z.string(),
  lastSeen: z.string(),
});

const operationUsageSchema = z.object({
  /** sha256 hex of `body`, the same id as a persisted operation's. */
  hash: z.string(),
  name: z.string().nullable(),
  body: z.string(),
  clients: z.array(clientUsageSchema),
});

export const usageRecordSchema = z.object({
  format: z.literal(USAGE_RECORD_FORMAT),
  version: z.literal(1),
  updatedAt: z.string(),
  operations: z.array(operationUsageSchema),
});

/** One client (by `apollographql-client-name` / `-version`) of one operation. */
export type ClientUsage = z.output<typeof clientUsageSchema>;
export type OperationUsage = z.output<typeof operationUsageSchema>;
export type UsageRecord = z.output<typeof usageRecordSchema>;

/** The client name recorded when a request names none. */
export const UNNAMED_CLIENT = '(unnamed)';
