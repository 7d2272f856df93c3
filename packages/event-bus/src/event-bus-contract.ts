import type { Logger } from 'pino';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { afterEach, beforeEach, describe } from 'vitest';
import type { DeadLetterReader, EventBus } from './event-bus';
import { captureLogger } from './testing/capture-logger';
import type { CapturedLogger } from './testing/capture-logger';
import { deliveryCases } from './testing/contract-delivery-cases';
import { failureCases } from './testing/contract-failure-cases';
import { watchCases } from './testing/contract-watch-cases';
import { laneCases } from './testing/contract-lane-cases';
import { durabilityCases } from './testing/contract-durability-cases';

export interface ContractBusOptions {
  readonly maxDeliveries: number;
  readonly retryBackoff: (failedDeliveries: number) => number;
  readonly logger: Logger;
}

export interface ContractBus {
  /** A bus of its own: events of one test never reach another. */
  readonly bus: EventBus & DeadLetterReader;
  teardown(): Promise<void>;
  /** Writes bytes to the broker without `publish`'s checks; absent where nothing else can write. */
  readonly publishRaw?: (type: string, data: Uint8Array) => Promise<void>;
  /** A second bus on the same store, as a restarted process would open; teardown closes it. */
  reopen(): Promise<EventBus & DeadLetterReader>;
  /** Stores many events fast (a backlog); default: `publish`, a few hundred at a time. */
  readonly publishMany?: (events: readonly EventEnvelope[]) => Promise<void>;
}

/** What the cases see of the bus under test, rebuilt for every case. */
export interface ContractSession {
  readonly bus: EventBus & DeadLetterReader;
  readonly maxDeliveries: number;
  readonly publishRaw: ContractBus['publishRaw'];
  reopen(): Promise<EventBus & DeadLetterReader>;
  publishMany(events: readonly EventEnvelope[]): Promise<void>;
  logLines(): ReadonlyArray<Readonly<Record<string, unknown>>>;
}

const MAX_DELIVERIES = 3;

/**
 * The behaviour every event bus adapter owes the services; each adapter's test file runs it.
 * `skipRawMessages` says why an adapter cannot be handed bytes that are not an event.
 */
export function eventBusContract(
  name: string,
  makeBus: (options: ContractBusOptions) => Promise<ContractBus>,
  { skipRawMessages }: { readonly skipRawMessages?: string } = {},
): void {
  describe(`${name}: event bus contract`, () => {
    let harness: ContractBus;
    let bus: EventBus & DeadLetterReader;
    let captured: CapturedLogger;

    beforeEach(async () => {
      captured = captureLogger();
      harness = await makeBus({ maxDeliveries: MAX_DELIVERIES, retryBackoff: () => 10, logger: captured.logger });
      bus = harness.bus;
    });
    afterEach(() => harness.teardown());

    const session: ContractSession = {
      get bus() {
        return bus;
      },
      maxDeliveries: MAX_DELIVERIES,
      get publishRaw() {
        return harness.publishRaw;
      },
      reopen: () => harness.reopen(),
      publishMany: (events) => (harness.publishMany ?? publishInChunks(bus))(events),
      logLines: () => captured.lines,
    };
    deliveryCases(session);
    failureCases(session, skipRawMessages);
    watchCases(session);
    laneCases(session);
    durabilityCases(session);
  });
}

// concurrent publishes reach the broker in any order; a backlog test only counts and orders per aggregate
const publishInChunks =
  (bus: EventBus) =>
  async (events: readonly EventEnvelope[]): Promise<void> => {
    for (let start = 0; start < events.length; start += 200) {
      await Promise.all(events.slice(start, start + 200).map((event) => bus.publish(event)));
    }
  };
