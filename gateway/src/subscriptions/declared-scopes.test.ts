import { readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { OperationTypeNode, parse } from 'graphql';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { describe, expect, it } from 'vitest';
import type { Identity } from '@shopgraph/service-kit/identity';
import { sharingKey } from './answer-scope';
import { scopeOfFetch, scopeOfPlan } from './declared-scopes';
import { createSubscriptionPlanner } from './subscription-planner';

const CONTRACT = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@composeDirective"])
    @link(url: "https://shopgraph.dev/answer/v1.0", import: ["@sharedAnswer"])
    @composeDirective(name: "@sharedAnswer")
  directive @sharedAnswer(roles: [String!]) on FIELD_DEFINITION
`;
const PEOPLE = `${CONTRACT}
  type Query { me: User }
  type Subscription { everyEvent: Event! @sharedAnswer(roles: ["ADMIN"]) myEvents: Event! }
  type Event { id: ID! user: User! }
  type User @key(fields: "id") { id: ID! name: String! @sharedAnswer(roles: ["ADMIN"]) email: String! }
  type Label @shareable { text: String! @sharedAnswer }
`;
const CATALOGUE = `${CONTRACT}
  type Query { top: Product }
  type Product @key(fields: "id") { id: ID! name: String! @sharedAnswer label: Label }
  type Label @shareable { text: String! }
`;

const supergraph = (() => {
  const composed = composeServices([
    { name: 'people', typeDefs: parse(PEOPLE), url: 'http://people' },
    { name: 'catalogue', typeDefs: parse(CATALOGUE), url: 'http://catalogue' },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  return Supergraph.build(composed.supergraphSdl).schema.toGraphQLJSSchema();
})();

const ADMIN: Identity = { kind: 'user', userId: 'a1', role: 'ADMIN' };
const OTHER_ADMIN: Identity = { kind: 'user', userId: 'a2', role: 'ADMIN' };
const CUSTOMER: Identity = { kind: 'user', userId: 'c1', role: 'CUSTOMER' };
const OTHER_CUSTOMER: Identity = { kind: 'user', userId: 'c2', role: 'CUSTOMER' };
const entities = (selection: string) =>
  `query Q($representations:[_Any!]!){_entities(representations:$representations){${selection}}}`;
const keysOf = (operation: string, callers: readonly Identity[]) =>
  callers.map((caller) => sharingKey(scopeOfFetch(supergraph, operation), caller));

describe('answers shared as the subgraphs declared them (@sharedAnswer)', () => {
  it('shares a field declared for ADMINs among ADMINs under one key, and with no customer', () => {
    const [admin, otherAdmin, customer, otherCustomer] = keysOf(entities('...on User{name}'), [
      ADMIN,
      OTHER_ADMIN,
      CUSTOMER,
      OTHER_CUSTOMER,
    ]);
    expect(admin).toBe(otherAdmin);
    expect(new Set([admin, customer, otherCustomer]).size).toBe(3);
  });

  it('keeps a fetch with one undeclared field each caller’s own, ADMINs included', () => {
    const [admin, otherAdmin] = keysOf(entities('...on User{name email}'), [ADMIN, OTHER_ADMIN]);
    expect(admin).not.toBe(otherAdmin);
  });

  it('shares a field declared for everyone across roles, but only ADMINs once an ADMIN-only field joins it', () => {
    const [admin, customer] = keysOf(entities('...on Product{name}'), [ADMIN, CUSTOMER]);
    expect(admin).toBe(customer);
    const plan: PlanNode = {
      kind: 'Parallel',
      nodes: [entities('...on Product{name}'), entities('...on User{name}')].map(
        (operation): FetchNode => ({
          kind: 'Fetch',
          serviceName: 'any',
          operation,
          operationName: 'Q',
          operationKind: OperationTypeNode.QUERY,
        }),
      ),
    };
    const scope = scopeOfPlan(supergraph, plan);
    expect(sharingKey(scope, ADMIN)).toBe(sharingKey(scope, OTHER_ADMIN));
    expect(sharingKey(scope, CUSTOMER)).not.toBe(sharingKey(scope, OTHER_CUSTOMER));
  });

  it('covers a declared root field’s whole selection, and no undeclared root field', () => {
    const [admin, otherAdmin] = keysOf('subscription{everyEvent{id user{__typename id}}}', [ADMIN, OTHER_ADMIN]);
    expect(admin).toBe(otherAdmin);
    const [mine, othersMine] = keysOf('subscription{myEvents{id}}', [ADMIN, OTHER_ADMIN]);
    expect(mine).not.toBe(othersMine);
  });

  it('believes no declaration on a field that several subgraphs resolve, one of them without it', () => {
    const [admin, customer] = keysOf(entities('...on Label{text}'), [ADMIN, CUSTOMER]);
    expect(admin).not.toBe(customer);
  });

  it('shares nothing across a plan node it does not know', () => {
    const scope = scopeOfPlan(supergraph, { kind: 'Condition', condition: 'x' });
    expect(sharingKey(scope, ADMIN)).not.toBe(sharingKey(scope, OTHER_ADMIN));
  });

  it('lets the shop’s ADMIN dashboards share one upstream and one completion, and no customer’s own events', async () => {
    const planner = createSubscriptionPlanner(
      await readFile(new URL('../../../supergraph.graphql', import.meta.url), 'utf8'),
    );
    const fields = '{ id type order { id status customer { name } items { product { name } } payment { status } } }';
    const planOf = (source: string) => planner.plan({ source, document: parse(source), operationName: undefined });
    const dashboard = planOf(`subscription { orderEvents ${fields} }`).sharing;
    expect(sharingKey(dashboard.completion, ADMIN)).toBe(sharingKey(dashboard.completion, OTHER_ADMIN));
    expect(sharingKey(dashboard.upstream, CUSTOMER)).not.toBe(sharingKey(dashboard.upstream, ADMIN));
    const mine = planOf(`subscription { myOrderEvents ${fields} }`).sharing;
    expect(sharingKey(mine.upstream, ADMIN)).not.toBe(sharingKey(mine.upstream, OTHER_ADMIN));
    expect(sharingKey(mine.completion, CUSTOMER)).not.toBe(sharingKey(mine.completion, OTHER_CUSTOMER));
  });
});
