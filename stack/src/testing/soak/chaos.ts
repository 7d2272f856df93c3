import type { SeededRandom } from './seeded-random';
import type { WaveGate } from './wave-gate';

/** One thing that goes wrong during a soak. */
export type ChaosStep =
  | { readonly kind: 'kill'; readonly target: string }
  | { readonly kind: 'pause-postgres'; readonly ms: number }
  | { readonly kind: 'down'; readonly target: string; readonly ms: number };

/** How a mode carries out each step; each resolves once the victim is back. */
export interface ChaosActions {
  /** SIGKILL, then start it again. */
  kill(target: string): Promise<void>;
  pausePostgres(ms: number): Promise<void>;
  /** Stop it, leave it down for `ms`, start it again. */
  down(target: string, ms: number): Promise<void>;
}

/** Options of {@link planChaos}. */
export interface ChaosMenu {
  readonly kills: number;
  readonly killTargets: readonly string[];
  /** Services that may be taken down for a while (none: no such step). */
  readonly downTargets: readonly string[];
}

/** The kills, one PostgreSQL pause and one outage, in a seeded order. */
export function planChaos(random: SeededRandom, menu: ChaosMenu): ChaosStep[] {
  const steps: ChaosStep[] = [
    ...Array.from({ length: menu.kills }, () => ({ kind: 'kill' as const, target: random.pick(menu.killTargets) })),
    { kind: 'pause-postgres', ms: random.between(2_000, 4_000) },
    ...(menu.downTargets.length > 0
      ? [{ kind: 'down' as const, target: random.pick(menu.downTargets), ms: random.between(4_000, 8_000) }]
      : []),
  ];
  // Fisher–Yates with the seeded source
  for (let i = steps.length - 1; i > 0; i--) {
    const j = random.between(0, i);
    [steps[i], steps[j]] = [steps[j] as ChaosStep, steps[i] as ChaosStep];
  }
  return steps;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const describe = (step: ChaosStep) =>
  step.kind === 'kill'
    ? `SIGKILL ${step.target}`
    : step.kind === 'down'
      ? `${step.target} down ${step.ms} ms`
      : `PostgreSQL frozen ${step.ms} ms`;

/**
 * Runs the steps one after another while the load runs, opening wave `i + 1` of the load as
 * step `i` begins so that every step meets orders in flight. Returns what happened, for the log.
 */
export async function runChaos(
  steps: readonly ChaosStep[],
  actions: ChaosActions,
  options: { readonly gate: WaveGate; readonly random: SeededRandom },
): Promise<string[]> {
  const { gate, random } = options;
  const timeline: string[] = [];
  const began = Date.now();
  try {
    for (const [index, step] of steps.entries()) {
      await sleep(random.between(300, 1_500));
      gate.open(index + 1);
      timeline.push(`+${((Date.now() - began) / 1000).toFixed(1)} s ${describe(step)}`);
      if (step.kind === 'kill') await actions.kill(step.target);
      else if (step.kind === 'down') await actions.down(step.target, step.ms);
      else await actions.pausePostgres(step.ms);
    }
  } finally {
    gate.openAll();
  }
  return timeline;
}
