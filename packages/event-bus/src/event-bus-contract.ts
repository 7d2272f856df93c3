import type { Logger } from 'pino';
import { afterEach, beforeEach, describe } from 'vitest';
import type { DeadLetterReader, EventBus } from './event-bus';
import { captureLogger } from './testing/capture-logger';
import type { CapturedLogger } from './testing/capture-logger';
import { deliveryCases } from './testing/contract-delivery-cases';
import { failureCases } from './testing/contract-failure-cases';
import { watchCases } from './testing/contract-watch-cases';

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
}

/** What the cases see of the bus under test, rebuilt for every case. */
export interface ContractSession {
  readonly bus: EventBus & DeadLetterReader;
  readonly maxDeliveries: number;
  readonly publishRaw: ContractBus['publishRaw'];
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
      logLines: () => captured.lines,
    };
    deliveryCases(session);
    failureCases(session, skipRawMessages);
    watchCases(session);
  });
}
