import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pino } from 'pino';
import { createNatsEventBus } from '@shopgraph/event-bus/nats-event-bus';
import { createPostgresEventBus } from '@shopgraph/event-bus/postgres-event-bus';
import type { DeadLetter } from '@shopgraph/event-bus/event-bus';
import type { SoakDatabases } from './soak-cluster';

// Everything the soak knows about WHICH bus runs where lives in this file, so that a change of
// adapter (the one-process default moving from `in-process` to a PostgreSQL bus) is one edit here.

/** `EVENT_BUS` of the one-process stack (`npm start`) in mode B. */
export const ONE_PROCESS_BUS: string = 'postgres';

/** The bus environment of the one-process stack: a database-backed bus gets the soak's events database. */
export function oneProcessBusEnv(databases: SoakDatabases): Record<string, string> {
  if (ONE_PROCESS_BUS === 'postgres') return { EVENT_BUS: 'postgres', EVENT_BUS_DATABASE_URL: databases.eventsUrl };
  return { EVENT_BUS: ONE_PROCESS_BUS };
}

/** The line every adapter logs when it parks an event for good (packages/event-bus delivery.ts). */
const DEAD_LETTER_LOG = /event dead-lettered|event parked/;

/**
 * Collects the dead-letter lines a process logs on `stdout` (pino JSON, `LOG_LEVEL` error or
 * lower). The only way to see an in-memory bus's dead letters from outside its process; it
 * also reads the stream to its end, so a chatty child never blocks on a full pipe.
 */
export function collectDeadLetterLines(stdout: Readable | null, into: string[]): void {
  if (!stdout) throw new Error('the process must be started with a piped stdout');
  createInterface({ input: stdout }).on('line', (line) => {
    if (DEAD_LETTER_LOG.test(line)) into.push(line.slice(0, 500));
  });
}

const describeLetter = (letter: DeadLetter) =>
  `${letter.consumer} ${letter.subject} ${letter.reason} after ${letter.deliveries} deliveries: ${letter.detail.slice(0, 200)}`;

/** The dead letters the PostgreSQL bus of mode B holds in its table. */
export async function postgresDeadLetters(databaseUrl: string): Promise<string[]> {
  const bus = await createPostgresEventBus({ databaseUrl, logger: pino({ level: 'silent' }) });
  try {
    return (await bus.deadLetters()).map(describeLetter);
  } finally {
    await bus.close();
  }
}

/** The dead letters JetStream holds for the services of mode A. */
export async function natsDeadLetters(servers: string): Promise<string[]> {
  const bus = await createNatsEventBus({ servers, logger: pino({ level: 'silent' }) });
  try {
    return (await bus.deadLetters()).map(describeLetter);
  } finally {
    await bus.close();
  }
}
