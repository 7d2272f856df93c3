import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entityId } from './contract-fields';
import { CONTRACT_SNAPSHOT_PATH, snapshotProblems, withNewVersions } from './contract-snapshot';
import type { ContractSnapshot } from './contract-snapshot';
import { defineEvent } from './define-event';
import { shopEvents } from './shop-events';

const committed = JSON.parse(await readFile(CONTRACT_SNAPSHOT_PATH, 'utf8')) as ContractSnapshot;
const reasons = z.enum(['out_of_stock', 'unknown_product']);
const version = (payload: z.ZodType, at = 1) => defineEvent({ type: 'stock.checked', version: at, payload });
const snapshotOf = (payload: z.ZodType) => withNewVersions([version(payload)], {});

describe('the event contract snapshot', () => {
  it('holds every event version exactly as its contract defines it (a change needs a new version)', () => {
    expect(snapshotProblems(shopEvents, committed)).toEqual([]);
  });

  it('accepts a new optional field and new words, and refuses every change an old reader or writer would trip on', () => {
    const snapshot = snapshotOf(z.object({ orderId: entityId, reason: reasons, note: z.string().optional() }));
    const problems = (payload: z.ZodType) => snapshotProblems([version(payload)], snapshot);
    expect(
      problems(
        z.object({
          orderId: entityId,
          reason: reasons.describe('why'),
          note: z.string().optional(),
          at: z.string().optional(),
        }),
      ),
    ).toEqual([]);
    expect(problems(z.object({ orderId: entityId, note: z.string().optional() }))).toEqual([
      'stock.checked@1: payload.reason was removed; this needs a new version (stock.checked@2)',
    ]);
    expect(
      problems(
        z.object({
          orderId: entityId,
          reason: z.enum(['out_of_stock', 'unknown_product', 'late']),
          note: z.string().optional(),
        }),
      ),
    ).toHaveLength(1);
    expect(problems(z.object({ orderId: entityId, reason: reasons, note: z.string() }))[0]).toContain(
      'payload.note changed from optional to required',
    );
    expect(
      problems(z.object({ orderId: entityId, reason: reasons, note: z.string().optional(), shop: z.string() }))[0],
    ).toContain('payload.shop was added as required');
  });

  it('adds a new version and never rewrites one already committed', () => {
    const first = snapshotOf(z.object({ orderId: entityId }));
    const next = withNewVersions(
      [version(z.object({ orderId: z.string() })), version(z.object({ id: entityId }), 2)],
      first,
    );
    expect(next['stock.checked@1']).toEqual(first['stock.checked@1']);
    expect(Object.keys(next)).toEqual(['stock.checked@1', 'stock.checked@2']);
  });
});
