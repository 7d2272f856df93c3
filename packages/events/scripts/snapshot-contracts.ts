import { readFile, writeFile } from 'node:fs/promises';
import { CONTRACT_SNAPSHOT_PATH, contractKey, snapshotProblems, withNewVersions } from '../src/contract-snapshot';
import type { ContractSnapshot } from '../src/contract-snapshot';
import { shopEvents } from '../src/shop-events';

// npm run events:snapshot: adds each event version the snapshot lacks. It never rewrites a
// version already there: a version's payload is a promise to every producer and consumer of it.

const text = await readFile(CONTRACT_SNAPSHOT_PATH, 'utf8').catch(() => '{}');
const snapshot = JSON.parse(text) as ContractSnapshot;
const next = withNewVersions(shopEvents, snapshot);
const added = shopEvents.map(contractKey).filter((key) => snapshot[key] === undefined);
await writeFile(CONTRACT_SNAPSHOT_PATH, `${JSON.stringify(next, undefined, 2)}\n`);
console.log(
  added.length > 0 ? `Added ${added.join(', ')} to ${CONTRACT_SNAPSHOT_PATH}` : 'No new event version to add.',
);
const problems = snapshotProblems(shopEvents, next);
if (problems.length > 0) {
  console.error(
    ['Changed event versions (left as committed):', ...problems.map((problem) => `  ${problem}`)].join('\n'),
  );
  process.exitCode = 1;
}
