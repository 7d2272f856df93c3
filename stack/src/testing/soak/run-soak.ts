import { logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { createProduct } from '../saga-probe';
import { planChaos, runChaos } from './chaos';
import type { ChaosActions, ChaosMenu } from './chaos';
import { runSoakLoad } from './soak-load';
import { planSoak } from './soak-plan';
import type { SoakSize } from './soak-plan';
import { SoakReader } from './soak-snapshot';
import { soakVerdict } from './soak-verdict';
import type { SoakVerdict } from './soak-verdict';
import type { SeededRandom } from './seeded-random';
import { WaveGate } from './wave-gate';
import type { SubgraphName } from '../../subgraph-names';

/** A running shop to soak, and how to hurt it. */
export interface SoakTarget {
  readonly name: string;
  /** The gateway's `/graphql` URL; stays the same across restarts. */
  readonly url: string;
  readonly databases: Readonly<Record<SubgraphName, string>>;
  readonly actions: ChaosActions;
  readonly deadLetters: () => Promise<readonly string[]>;
}

/** Options of {@link runSoak}. */
export interface SoakOptions {
  readonly target: SoakTarget;
  readonly random: SeededRandom;
  readonly size: Omit<SoakSize, 'waves'>;
  readonly chaos: ChaosMenu;
}

/**
 * The soak: plans orders and chaos from the seed, runs them together, waits for the saga to
 * finish and returns the verdict. Prints the seed, the chaos timeline, what clients saw and
 * how the orders ended, so that a failure can be read and replayed (`SOAK_SEED=<seed>`).
 */
export async function runSoak({ target, random, size, chaos }: SoakOptions): Promise<SoakVerdict> {
  const log = (line: string) => console.info(`[soak ${target.name}, seed ${random.seed}] ${line}`);
  log(`replay with SOAK_SEED=${random.seed}`);
  const steps = planChaos(random, chaos);
  const plan = planSoak(random, { ...size, waves: steps.length });
  const [customer, admin] = await Promise.all([logInAsCustomer(target.url), logInAsAdmin(target.url)]);
  const products = await Promise.all(
    plan.products.map(async (stock) => ({ id: await createProduct(target.url, admin, { stock }), stock })),
  );
  const reader = new SoakReader(target.databases);
  await reader.markBaseline();
  const gate = new WaveGate();
  const loading = runSoakLoad({
    url: target.url,
    tokens: [customer],
    plan,
    productIds: products.map((product) => product.id),
    gate,
  });
  const timeline = await runChaos(steps, target.actions, { gate, random }).catch(async (error: unknown) => {
    await loading; // the chaos failed (a service would not come back): let the clients finish first
    throw error;
  });
  const load = await loading;
  log(`chaos: ${timeline.join('; ')}`);
  log(`${load.accepted.length} of ${plan.orders.length} orders accepted; clients saw ${JSON.stringify(load.seen)}`);
  try {
    const verdict = await soakVerdict({ reader, load, products, deadLetters: target.deadLetters });
    log(`orders ended ${JSON.stringify(verdict.outcomes)}`);
    if (verdict.violations.length > 0) log(`FAILED:\n  ${verdict.violations.join('\n  ')}`);
    return verdict;
  } finally {
    await reader.close();
  }
}
