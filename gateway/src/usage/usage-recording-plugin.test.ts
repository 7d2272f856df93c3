import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { usageRecordSchema } from './usage-record';
import { usageRecordingPlugin } from './usage-recording-plugin';

const typeDefs = 'type Query { hello: String, bye: String }';
const resolvers = { Query: { hello: () => 'hi', bye: () => 'bye' } };
const log = createLogger('usage-test', 'silent');

async function serve(path: string, maxOperations: number) {
  const settings = { enabled: true, path, maxOperations, intervalMs: 3_600_000 };
  const server = new ApolloServer({ typeDefs, resolvers, plugins: [usageRecordingPlugin(settings, log)] });
  await server.start();
  const send = (query: string, client?: [string, string]) => {
    const headers = new HeaderMap(
      client
        ? [
            ['apollographql-client-name', client[0]],
            ['apollographql-client-version', client[1]],
          ]
        : [],
    );
    const http = { method: 'POST', headers, search: '', body: {} };
    return server.executeOperation({ query, http });
  };
  return { server, send };
}

describe('the usage recording plugin', () => {
  it('counts each operation per client, keeps at most the configured operations, and keeps counting across a restart', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'usage-')), 'nested', 'operations.json');
    const first = await serve(path, 2);
    await first.send('query Hello { hello }', ['web', '1.2.0']);
    await first.send('query Hello { hello }', ['web', '1.2.0']);
    await first.send('query Hello { hello }', ['ios', '3.1.0']);
    await first.send('query Bye { bye }');
    await first.send('{ hello bye }'); // a third distinct operation: over the bound, not kept
    await first.send('query Broken { nope }'); // refused by validation: no usage to protect
    await first.server.stop();

    const record = usageRecordSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    const byName = new Map(record.operations.map((operation) => [operation.name, operation]));
    expect([...byName.keys()].sort()).toEqual(['Bye', 'Hello']);
    const counts = (name: string) =>
      byName.get(name)?.clients.map(({ name: client, version, count }) => [client, version, count]);
    expect(counts('Hello')).toEqual([
      ['web', '1.2.0', 2],
      ['ios', '3.1.0', 1],
    ]);
    expect(counts('Bye')).toEqual([['(unnamed)', '', 1]]);
    expect(byName.get('Hello')?.body).toBe('query Hello { hello }');

    const second = await serve(path, 2);
    await second.send('query Hello { hello }', ['web', '1.2.0']);
    await second.server.stop();
    const after = usageRecordSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    const web = after.operations.find(({ name }) => name === 'Hello')?.clients.find(({ name }) => name === 'web');
    expect(web?.count).toBe(3);
    expect(web?.firstSeen).toBe(byName.get('Hello')?.clients[0]?.firstSeen);
  });
});
