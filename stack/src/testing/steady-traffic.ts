import type { Operation } from '@shopgraph/test-kit/graphql-client';

/** One answer the traffic got, with what the development gateway said about its plan. */
export interface TrafficAnswer {
  /** The traffic's phase when the request was sent ({@link SteadyTraffic.phase}). */
  readonly phase: number;
  /** The phase when its answer came: the same as `phase` unless the test moved on meanwhile. */
  readonly answeredIn: number;
  /** Why the request failed (no answer, a status other than 200, GraphQL errors); undefined when it did not. */
  readonly failure: string | undefined;
  readonly data: Record<string, unknown> | null | undefined;
  /** The subgraphs of the plan's fetches whose operation selects `field`. */
  readonly fetchedFrom: readonly string[];
}

/** Concurrent client loops sending one operation through the gateway until stopped. */
export interface SteadyTraffic {
  readonly answers: readonly TrafficAnswer[];
  /** Set by the test as it moves on (0 at first); each answer records the phase it was sent in. */
  phase: number;
  /** Ends the loops once their requests in flight are answered. */
  stop(): Promise<void>;
}

/** Options of {@link startSteadyTraffic}. */
export interface SteadyTrafficOptions {
  readonly url: string;
  readonly operation: Operation;
  /** The field whose owner each answer reports, as the plan's fetch operations spell it. */
  readonly field: string;
  /** Default 4. */
  readonly loops?: number;
}

interface FetchNode {
  readonly kind: 'Fetch';
  readonly serviceName: string;
  readonly operation: string;
}

// the plan object is JSON: every Fetch node, however deep under Sequence, Parallel and Flatten
function fetchNodes(node: unknown): FetchNode[] {
  if (typeof node !== 'object' || node === null) return [];
  if ((node as { kind?: unknown }).kind === 'Fetch') return [node as FetchNode];
  return Object.values(node).flatMap(fetchNodes);
}

type Answer = Omit<TrafficAnswer, 'phase' | 'answeredIn'>;

async function ask(options: SteadyTrafficOptions): Promise<Answer> {
  const { url, operation, field } = options;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollo-expose-query-plan': 'true',
        ...(operation.token ? { authorization: `Bearer ${operation.token}` } : {}),
      },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: unknown[];
      extensions?: { apolloQueryPlan?: { object?: unknown } };
    };
    const selects = new RegExp(`\\b${field}\\b`);
    const fetchedFrom = fetchNodes(body.extensions?.apolloQueryPlan?.object)
      .filter((node) => selects.test(node.operation))
      .map((node) => node.serviceName);
    const failed = response.status !== 200 || body.errors !== undefined;
    const failure = failed ? `${response.status} ${JSON.stringify(body.errors)}` : undefined;
    return { failure, data: body.data, fetchedFrom };
  } catch (error) {
    return { failure: String(error), data: undefined, fetchedFrom: [] };
  }
}

/** Starts `loops` clients, each sending the operation again as soon as it is answered. */
export function startSteadyTraffic(options: SteadyTrafficOptions): SteadyTraffic {
  let running = true;
  const answers: TrafficAnswer[] = [];
  const traffic: SteadyTraffic = {
    answers,
    phase: 0,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
  const loop = async () => {
    while (running) {
      const phase = traffic.phase;
      const answer = await ask(options);
      answers.push({ ...answer, phase, answeredIn: traffic.phase });
    }
  };
  const loops = Array.from({ length: options.loops ?? 4 }, loop);
  return traffic;
}
