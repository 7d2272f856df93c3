import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isAdmin } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { close, listen } from '@shopgraph/service-kit/listen';
import { verifyConnection, verifySubscription } from '@shopgraph/service-kit/subscription-signature';
import { createEventLog } from './event-log';
import type { TestEvent } from './event-log';

/** The answer-sharing contract of decision 0048, as the real subgraphs declare it. */
export const SHARED_ANSWER_CONTRACT = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@composeDirective"])
    @link(url: "https://shopgraph.dev/answer/v1.0", import: ["@sharedAnswer"])
    @composeDirective(name: "@sharedAnswer")
  directive @sharedAnswer(roles: [String!]) on FIELD_DEFINITION
`;

export const EVENT_SUBGRAPH_SDL = parse(`${SHARED_ANSWER_CONTRACT}
  type Query { ping: Boolean }
  type Product @key(fields: "id", resolvable: false) { id: ID! }
  type OrderItem { product: Product! quantity: Int! }
  type Order @key(fields: "id") { id: ID! items: [OrderItem!]! }
  type OrderEvent { id: ID! type: String! note: String! order: Order! }
  type Subscription {
    orderUpdated(orderId: ID!, after: ID): OrderEvent!
    orderEvents(after: ID): OrderEvent! @sharedAnswer(roles: ["ADMIN"])
  }
`);

/** What the subgraph saw of one subscribe message, once its signature checked out. */
export interface ReceivedSubscription {
  readonly identity: Identity;
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface EventSubgraph {
  readonly url: string;
  readonly subscriptions: readonly ReceivedSubscription[];
  /** Connections opened by the gateway (signed ones only). */
  readonly connections: number;
  publish(event: Omit<TestEvent, 'id'>): string;
  /** Cuts every socket and listens again on the same port: the event log survives, as a database would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const FORBIDDEN = new GraphQLError('Only an administrator can do this.', { extensions: { code: 'FORBIDDEN' } });

const toEvent = (event: TestEvent) => ({
  id: event.id,
  type: event.type,
  note: event.note,
  order: { id: event.orderId, items: event.productIds.map((id) => ({ product: { id }, quantity: 1 })) },
});

/**
 * A real Federation subgraph serving `orderUpdated` over graphql-ws, as the orders service
 * will: it accepts only connections and subscriptions the gateway signed, and replays
 * events after `after` from its log before going live.
 */
export async function startEventSubgraph(secret: string): Promise<EventSubgraph> {
  const log = createEventLog();
  const subscriptions: ReceivedSubscription[] = [];
  let connections = 0;
  const schema = buildSubgraphSchema([
    {
      typeDefs: EVENT_SUBGRAPH_SDL,
      resolvers: {
        Subscription: {
          orderUpdated: {
            subscribe: (_: unknown, args: { orderId: string; after?: string | null }) =>
              log.follow({ orderId: args.orderId, after: args.after ?? undefined }),
            resolve: (event: TestEvent) => toEvent(event),
          },
          orderEvents: {
            subscribe: (_: unknown, args: { after?: string | null }) => log.follow({ after: args.after ?? undefined }),
            resolve: (event: TestEvent) => toEvent(event),
          },
        },
      },
    },
  ]);
  let server: Server = createServer();
  let wss = new WebSocketServer({ noServer: true });
  let port = 0;
  const shut = async () => {
    // upgraded sockets are no longer the HTTP server's: cut them as a crash would
    wss.clients.forEach((socket) => socket.terminate());
    wss.close();
    await close(server, 0);
  };
  const open = async () => {
    server = createServer();
    wss = new WebSocketServer({ server, path: '/graphql' });
    useServer(
      {
        schema,
        onConnect: (ctx) => verifyConnection(secret, ctx.connectionParams) && (connections++, true),
        onSubscribe: (_ctx, _id, payload) => {
          const verdict = verifySubscription(secret, payload);
          if (!verdict.ok) throw new Error(`unsigned subscription: ${verdict.reason}`);
          subscriptions.push({ identity: verdict.identity, variables: payload.variables ?? {} });
          // every order's events are for ADMINs only, as at the orders subgraph
          if (payload.query.includes('orderEvents') && !isAdmin(verdict.identity)) return [FORBIDDEN];
          return undefined;
        },
      },
      wss,
    );
    port = await listen(server, port, '127.0.0.1');
  };
  await open();
  return {
    get url() {
      return `http://127.0.0.1:${port}/graphql`;
    },
    subscriptions,
    get connections() {
      return connections;
    },
    publish: (event) => log.append(event),
    async restart() {
      await shut();
      await open();
    },
    stop: shut,
  };
}
