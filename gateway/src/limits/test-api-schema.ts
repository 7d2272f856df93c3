import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';

const supergraphPath = fileURLToPath(new URL('../../../supergraph.graphql', import.meta.url));

/**
 * For tests: the public API schema of the committed supergraph, exactly as Apollo Server
 * validates operations against it (no join__ or link__ types, @inaccessible removed).
 * Loading a static supergraph contacts no subgraph.
 */
export async function loadApiSchema(): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl: await readFile(supergraphPath, 'utf8') });
  const { schema } = await gateway.load();
  await gateway.stop();
  return schema;
}
