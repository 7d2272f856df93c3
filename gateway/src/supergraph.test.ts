import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './compose-supergraph';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the committed supergraph', () => {
  it('is what composing the subgraph schemas produces now (run `npm run compose` when this fails)', async () => {
    const composition = await composeSupergraph(`${root}supergraph.yaml`);
    expect(composition).toMatchObject({ ok: true });
    const committed = await readFile(`${root}supergraph.graphql`, 'utf8');
    expect(composition.ok && composition.supergraphSdl).toBe(committed);
  });
});
