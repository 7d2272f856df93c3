import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { usageRecordSchema } from './usage-record';
import type { UsageRecord } from './usage-record';

/**
 * Writes the record whole to a temporary file beside it, then renames it over the old one:
 * a reader (schema:check, a collector) sees the previous record or the new one, never half.
 */
export async function writeUsageRecord(path: string, record: UsageRecord): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(record)}\n`);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The record at `path`; undefined when there is none yet or it is not a usage record. */
export async function readUsageRecord(path: string): Promise<UsageRecord | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = usageRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
