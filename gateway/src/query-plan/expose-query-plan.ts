import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { prettyFormatQueryPlan } from '@apollo/query-planner';
import type { QueryPlan } from '@apollo/query-planner';

/** The request header Apollo Router and Sandbox ask for a plan with (Router answers `true` and `dry-run`). */
export const EXPOSE_QUERY_PLAN_HEADER = 'apollo-expose-query-plan';

/** A plan as Apollo Router returns it in `extensions.apolloQueryPlan`: its structure and its text. */
export interface ExposedQueryPlan {
  readonly object: QueryPlan;
  readonly text: string;
}

/** The two ends of {@link exposeQueryPlan}: the gateway hands plans over, the server adds them to responses. */
export interface QueryPlanExposure<C extends BaseContext> {
  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback;
  readonly plugin: ApolloServerPlugin<C>;
}

// operationDocumentNode repeats `operation` as an AST: kilobytes that no plan viewer reads
const withoutAst = (plan: QueryPlan): QueryPlan =>
  JSON.parse(JSON.stringify(plan, (key, value: unknown) => (key === 'operationDocumentNode' ? undefined : value)));

/**
 * Development only (decision 0027): with `Apollo-Expose-Query-Plan: true` a response carries
 * the query plan of its operation in `extensions.apolloQueryPlan`, as Apollo Router's dev mode
 * does, for Sandbox's plan panel. @apollo/gateway's own `Apollo-Query-Plan-Experimental`
 * header is switched by `__exposeQueryPlanExperimental` (create-gateway.ts).
 */
export function exposeQueryPlan<C extends BaseContext>(): QueryPlanExposure<C> {
  // the one object the gateway's request context shares with the server's, per operation
  const plans = new WeakMap<object, ExposedQueryPlan>();
  return {
    didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      if (requestContext.request.http?.headers.get(EXPOSE_QUERY_PLAN_HEADER)?.toLowerCase() !== 'true') return;
      plans.set(requestContext.metrics, { object: withoutAst(queryPlan), text: prettyFormatQueryPlan(queryPlan) });
    },
    plugin: {
      requestDidStart: async () => ({
        willSendResponse: async ({ metrics, response }) => {
          const plan = plans.get(metrics);
          if (!plan || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          singleResult.extensions = { ...singleResult.extensions, apolloQueryPlan: plan };
        },
      }),
    },
  };
}
