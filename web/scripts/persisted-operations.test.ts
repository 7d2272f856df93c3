import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MANIFEST_PATH, manifestText, storefrontManifest } from './persisted-operations';

describe("the gateway's persisted-operation manifest", () => {
  it('is exactly the storefront operations, as Apollo Client sends them (run `npm run persisted-operations`)', async () => {
    const committed = await readFile(MANIFEST_PATH, 'utf8');
    expect(committed).toBe(manifestText(await storefrontManifest()));
  });

  it('holds the text Apollo Client sends: __typename on every selection, fragments included', async () => {
    const { operations } = await storefrontManifest();
    const order = operations.find(({ name }) => name === 'OrderUpdated');
    expect(order?.body).toContain('__typename');
    expect(order?.body).toContain('fragment OrderStatusFields on Order');
  });

  it("keeps the order page's deferred payment, identified by the hash of the text sent", async () => {
    const { operations } = await storefrontManifest();
    const page = operations.find(({ name }) => name === 'Order');
    expect(page?.body).toMatch(/\.\.\. @defer\(label: "payment"\) \{\s+payment \{/);
    expect(page?.id).toBe(
      createHash('sha256')
        .update(page?.body ?? '')
        .digest('hex'),
    );
  });
});
