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
});
