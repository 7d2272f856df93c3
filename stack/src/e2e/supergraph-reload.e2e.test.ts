import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const committed = fileURLToPath(new URL('../../../supergraph.graphql', import.meta.url));
const DESCRIBE_ME = '{ __type(name: "Query") { fields { name description } } }';

describe('the gateway in development', () => {
  let dir: string;
  let supergraph: string;
  let shop: TestStack;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopgraph-supergraph-'));
    supergraph = join(dir, 'supergraph.graphql');
    await copyFile(committed, supergraph);
    shop = await startTestStack({ NODE_ENV: 'development', SUPERGRAPH_PATH: supergraph });
  });
  afterAll(async () => {
    await shop.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const meDescription = async () => {
    const response = await graphql<{ __type: { fields: { name: string; description: string }[] } }>(shop.url, {
      query: DESCRIBE_ME,
    });
    return response.data?.__type.fields.find((field) => field.name === 'me')?.description;
  };

  it('serves a newly composed supergraph without a restart', async () => {
    const before = await meDescription();
    expect(before).toMatch(/signed-in user/);
    const sdl = await readFile(supergraph, 'utf8');
    await writeFile(supergraph, sdl.replace(before ?? '', 'Reloaded: the signed-in user.'));
    await waitFor(async () => (await meDescription()) !== before, {
      what: 'the reloaded supergraph',
      timeout: 60_000,
      interval: 100,
    });
    const after = await meDescription();
    expect(after).toBe('Reloaded: the signed-in user.');
  });
});
