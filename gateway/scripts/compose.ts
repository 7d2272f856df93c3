import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from '../src/compose-supergraph';

// npm run compose            → writes supergraph.graphql
// npm run compose -- --check → fails when the committed supergraph.graphql is stale
const root = fileURLToPath(new URL('../../', import.meta.url));
const output = `${root}supergraph.graphql`;
const composition = await composeSupergraph(`${root}supergraph.yaml`);

if (!composition.ok) {
  console.error(`Composition failed with ${composition.errors.length} error(s):`);
  for (const error of composition.errors) console.error(`  - ${error}`);
  process.exit(1);
}
if (process.argv.includes('--check')) {
  const committed = await readFile(output, 'utf8').catch(() => '');
  if (committed !== composition.supergraphSdl) {
    console.error('supergraph.graphql is stale: run `npm run compose` and commit the result.');
    process.exit(1);
  }
  console.log('supergraph.graphql is up to date.');
} else {
  await writeFile(output, composition.supergraphSdl);
  console.log(`Composed ${output}`);
}
