import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import { connectEventBus } from '@shopgraph/event-bus/connect-event-bus';
import type { DeadLetter } from '@shopgraph/event-bus/event-bus';
import { createLogger } from '@shopgraph/service-kit/logger';
import { loadStackConfig } from '../config';
import { findEventBusDatabase } from '../event-bus-database';

// `npm run dead-letters -- list` shows the events consumers gave up on; `-- replay <id>` (or
// `--all`) hands them to their consumer again. The bus is the one the services use: EVENT_BUS
// (postgres by default: EVENT_BUS_DATABASE_URL, else the embedded cluster of a running
// `npm start`), or nats with NATS_URL.
const USAGE = 'usage: npm run dead-letters -- list | replay <id> | replay --all';
const [command, target] = process.argv.slice(2);
if (command !== 'list' && !(command === 'replay' && target)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
await run().catch((error: unknown) => {
  // an operator's command: the reason, not a stack trace
  process.stderr.write(`dead-letters: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

async function run(): Promise<void> {
  const config = loadStackConfig(process.env);
  const log = createLogger('dead-letters', config.logLevel === 'info' ? 'warn' : config.logLevel);
  const nats = process.env['EVENT_BUS'] === 'nats';
  const ownDatabase = nats ? undefined : await findEventBusDatabase(process.env, config);
  const busConfig = loadBusConfig(process.env, ownDatabase);
  const bus = await connectEventBus({ config: busConfig, logger: log, connectionName: 'dead-letters' });
  try {
    const letters = await bus.deadLetters();
    if (command === 'list') return list(letters);
    const ids = target === '--all' ? letters.map((letter) => letter.id) : [target ?? ''];
    let replayed = 0;
    for (const id of ids) replayed += (await bus.replayDeadLetter(id)) ? 1 : 0;
    process.stdout.write(`${replayed} of ${ids.length} dead letter(s) handed back to their consumer\n`);
    if (replayed < ids.length) process.exitCode = 1;
  } finally {
    await bus.close();
  }
}

function list(letters: readonly DeadLetter[]): void {
  for (const letter of letters) process.stdout.write(`${describe(letter)}\n`);
  process.stdout.write(`${letters.length} dead letter(s) waiting\n`);
}

function describe(letter: DeadLetter): string {
  const { id, consumer, subject, reason, deliveries, detail } = letter;
  return `#${id}  ${consumer}  ${subject}  ${reason} after ${deliveries} deliveries: ${detail.slice(0, 200)}`;
}
