import { randomUUID } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLError, parse } from 'graphql';
import { createSubscriptionServer } from '@shopgraph/orders/adapters/graphql/subscription-server';
import type { Logger } from '@shopgraph/service-kit/logger';
import { serve } from '@shopgraph/service-kit/running-service';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { createSubgraphServer } from '@shopgraph/service-kit/subgraph-server';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';

/** The reviews subgraph's SDL, as `supergraph.yaml` points at it. */
export const REVIEWS_SCHEMA_PATH = fileURLToPath(new URL('schema.graphql', import.meta.url));

interface Review {
  readonly id: string;
  readonly productId: string;
  readonly rating: number;
  readonly body: string;
}

/** Options of {@link startReviewsSubgraph}. */
export interface ReviewsSubgraphOptions {
  /** Shared with the gateway (`REVIEWS_SIGNING_SECRET` or `SUBGRAPH_SIGNING_SECRET` there). */
  readonly signingSecret: string;
  readonly log: Logger;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a port the kernel picks. */
  readonly port?: number;
}

function reviewsResolvers() {
  // test-only: the example of a team's new service keeps its reviews in memory, no database
  const reviews: Review[] = [];
  const added = new EventEmitter();
  const asProduct = (review: Review) => ({ __typename: 'Product', id: review.productId });
  return {
    Review: { product: asProduct },
    Product: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      reviews: ({ id }: { id: string }) => reviews.filter((review) => review.productId === id),
    },
    Mutation: {
      addReview: (_: unknown, args: { productId: string; rating: number; body: string }) => {
        if (args.rating < 1 || args.rating > 5) {
          throw new GraphQLError('A rating is from 1 to 5.', { extensions: { code: 'BAD_USER_INPUT' } });
        }
        const review = { id: randomUUID(), ...args };
        reviews.push(review);
        added.emit('review', review);
        return review;
      },
    },
    Subscription: {
      reviewAdded: {
        subscribe: async function* (_: unknown, { productId }: { productId?: string | null }) {
          for await (const [review] of on(added, 'review') as AsyncIterable<[Review]>) {
            if (!productId || review.productId === productId) yield { reviewAdded: review };
          }
        },
      },
    },
  };
}

/**
 * A small, test-only fifth subgraph: `Product.reviews` on the products' entity and its own
 * `Subscription.reviewAdded`, served over HTTP and graphql-ws on one port, signed requests
 * only, like every subgraph of the shop.
 */
export async function startReviewsSubgraph(options: ReviewsSubgraphOptions): Promise<RunningService> {
  const { signingSecret, log, host = '127.0.0.1', port = 0 } = options;
  const { server, apollo, upgrades } = await createSubgraphServer({
    typeDefs: parse(readFileSync(REVIEWS_SCHEMA_PATH, 'utf8')),
    resolvers: reviewsResolvers(),
    signingSecret,
    createContext: (request: SignedRequest) => request,
    isReady: async () => true,
    log,
    upgrade: (target) => createSubscriptionServer(target),
  });
  return serve({
    name: 'reviews',
    server,
    host,
    port,
    statements: { count: 0 },
    ...(upgrades ? { closeUpgraded: () => upgrades.close() } : {}),
    release: () => apollo.stop(),
  });
}
