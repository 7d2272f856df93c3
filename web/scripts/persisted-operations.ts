import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DocumentTransform } from '@apollo/client';
import { generatePersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';
import { Kind, visit } from 'graphql';
import type { PersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where the gateway reads its persisted-operation manifest (PERSISTED_OPERATIONS_PATH's default). */
export const MANIFEST_PATH = `${root}gateway/persisted-operations.json`;

// The generator's ApolloClient has no incremental handler, so it refuses `@defer` (the app's
// client has one: it only adds the multipart Accept, never changes the text). The directive
// goes through it under a name no schema can declare, and comes back in the body and its ID.
const HIDDEN_DEFER = '__defer';
const hideDefer = new DocumentTransform((document) =>
  visit(document, {
    [Kind.DIRECTIVE]: (node) =>
      node.name.value === 'defer' ? { ...node, name: { ...node.name, value: HIDDEN_DEFER } } : undefined,
  }),
);
const showDefer = (body: string) => body.replaceAll(`@${HIDDEN_DEFER}`, '@defer');
const operationId = (body: string) => createHash('sha256').update(showDefer(body)).digest('hex');

/**
 * The storefront's operations as Apollo Client sends them (`__typename` added, fragments
 * inlined into each document), in Apollo's persisted query manifest format: Apollo's own
 * generator runs the documents through a real ApolloClient's transforms, so the text the app
 * sends and the manifest's body are the same bytes.
 */
export async function storefrontManifest(): Promise<PersistedQueryManifest> {
  const manifest = await generatePersistedQueryManifest(
    {
      documents: [`${root}web/src/operations/*.graphql`],
      documentTransform: hideDefer,
      createOperationId: operationId,
    },
    undefined,
  );
  const operations = manifest.operations.map((operation) => ({ ...operation, body: showDefer(operation.body) }));
  return { ...manifest, operations: operations.toSorted((a, b) => a.name.localeCompare(b.name)) };
}

/** The manifest file's text, exactly as committed. */
export const manifestText = (manifest: PersistedQueryManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
