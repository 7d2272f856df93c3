// `npm run persisted-operations`: regenerates gateway/persisted-operations.json from the
// storefront's operations. Commit the result; a test fails while it differs.
import { writeFile } from 'node:fs/promises';
import { MANIFEST_PATH, manifestText, storefrontManifest } from './persisted-operations';

const manifest = await storefrontManifest();
await writeFile(MANIFEST_PATH, manifestText(manifest));
console.log(`${manifest.operations.length} operations written to ${MANIFEST_PATH}`);
