import { parse } from 'graphql';
import type { Identity } from '@shopgraph/service-kit/identity';
import { createLogger } from '@shopgraph/service-kit/logger';
import { serve } from '@shopgraph/service-kit/running-service';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { createSubgraphServer } from '@shopgraph/service-kit/subgraph-server';
import { SHARED_ANSWER_CONTRACT } from './event-subgraph';

export const PRODUCT_SUBGRAPH_SDL = parse(`${SHARED_ANSWER_CONTRACT}
  type Query { product(id: ID!): Product }
  type Product @key(fields: "id") {
    id: ID!
    name: String! @sharedAnswer
    "Who asked: an answer that differs per caller, so it declares no sharing."
    viewer: String!
  }
`);

/** One HTTP request the product subgraph served. */
export interface ProductFetch {
  readonly identity: Identity;
  representations: number;
  /** What this request's answer waits for (see {@link ProductSubgraph.holdNext}). */
  readonly gate?: Promise<void>;
}

export interface ProductSubgraph extends RunningService {
  readonly fetches: readonly ProductFetch[];
  /** Holds every answer until the returned function is called. */
  hold(): () => void;
  /** Holds the answer to the next request only, until the returned function is called. */
  holdNext(): () => void;
}

/** A promise that resolves once `open` is called. */
function closedGate(): { readonly opened: Promise<void>; readonly open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A real signed HTTP subgraph (service-kit's), resolving `Product.name` for the events' items. */
export async function startProductSubgraph(secret: string): Promise<ProductSubgraph> {
  const fetches: ProductFetch[] = [];
  let gate: Promise<void> | undefined;
  let nextGate: Promise<void> | undefined;
  const { server, apollo } = await createSubgraphServer<{ requestId: string; fetch: ProductFetch }>({
    typeDefs: PRODUCT_SUBGRAPH_SDL,
    resolvers: {
      Product: {
        __resolveReference: async (reference: { id: string }, context: { fetch: ProductFetch }) => {
          context.fetch.representations++;
          await Promise.all([gate, context.fetch.gate]);
          const viewer = context.fetch.identity.kind === 'user' ? context.fetch.identity.userId : 'anonymous';
          return { id: reference.id, name: `Product ${reference.id}`, viewer };
        },
      },
    },
    signingSecret: secret,
    createContext: ({ identity, requestId }) => {
      const fetch = { identity, representations: 0, ...(nextGate && { gate: nextGate }) };
      nextGate = undefined;
      fetches.push(fetch);
      return { requestId, fetch };
    },
    isReady: async () => true,
    log: createLogger('products-test', 'silent'),
  });
  const running = await serve({
    name: 'products',
    server,
    host: '127.0.0.1',
    port: 0,
    statements: { count: 0 },
    release: () => apollo.stop(),
  });
  const hold = () => {
    const held = closedGate();
    gate = held.opened;
    return () => {
      gate = undefined;
      held.open();
    };
  };
  const holdNext = () => {
    const held = closedGate();
    nextGate = held.opened;
    return held.open;
  };
  return Object.assign(running, { fetches, hold, holdNext });
}
