import { fileURLToPath } from 'node:url';
import { BadInput } from './bad-input';
import { formatReport } from './format-report';
import { parseArguments } from './parse-arguments';
import { loadRecordedOperations } from './recorded-operations';
import { runCheck } from './run-check';
import { loadSubgraphInputs } from './subgraph-inputs';

// npm run schema:check                                    the working tree against git `main`
// npm run schema:check -- --base HEAD                     … against another revision
// npm run schema:check -- --subgraph products --schema new.graphql
//   options: --json, --usage <record>, --no-usage, --manifest <file> (repeatable), --config <supergraph.yaml>
// Exit codes: 0 the change may ship; 1 it does not compose, or breaks a recorded operation;
// 2 bad input (unparsable SDL, missing file, unknown subgraph, unreadable usage record, bad argument).
const root = fileURLToPath(new URL('../../../', import.meta.url));

try {
  const args = parseArguments(process.argv.slice(2), root);
  const inputs = await loadSubgraphInputs({ configPath: args.configPath, root, change: args.change });
  const operations = await loadRecordedOperations({ ...args, root });
  const report = await runCheck(inputs, operations);
  console.log(args.json ? JSON.stringify(report, undefined, 2) : formatReport(report));
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  if (!(error instanceof BadInput)) throw error;
  console.error(`schema:check: ${error.message}`);
  process.exitCode = 2;
}
