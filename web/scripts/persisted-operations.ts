import { fileURLToPath } from 'node:url';
import { generatePersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';
import type { PersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where the gateway reads its persisted-operation manifest (PERSISTED_OPERATIONS_PATH's default). */
export const MANIFEST_PATH = `${root}gateway/persisted-operations.json`;

/**
 * The storefront's operations as Apollo Client sends them (`__typename` added, fragments
 * inlined into each document), in Apollo's persisted query manifest format: Apollo's own
 * generator runs the documents through a real ApolloClient's transforms, so the text the app
 * sends and the manifest's body are the same bytes.
 */
export async function storefrontManifest(): Promise<PersistedQueryManifest> {
  const manifest = await generatePersistedQueryManifest(
    { documents: [`${root}web/src/operations/*.graphql`] },
    undefined,
  );
  return { ...manifest, operations: manifest.operations.toSorted((a, b) => a.name.localeCompare(b.name)) };
}

/** The manifest file's text, exactly as committed. */
export const manifestText = (manifest: PersistedQueryManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
