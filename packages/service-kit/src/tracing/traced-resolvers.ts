import type { Tracer } from '@opentelemetry/api';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { GraphQLFieldResolver } from 'graphql';
import { inSpan } from './in-span';

// root fields only: a span per nested field or per entity would cost more than the work it shows
const TRACED_TYPES = ['Query', 'Mutation'];

type Resolver<C> = GraphQLFieldResolver<unknown, C>;

function traced<C>(tracer: Tracer, field: string, resolve: Resolver<C>): Resolver<C> {
  // GraphQL's four resolver arguments, passed on as they came
  return (...args: Parameters<Resolver<C>>) =>
    inSpan(tracer, { name: `resolve ${field}`, attributes: { 'graphql.field.path': field } }, async () =>
      resolve(...args),
    );
}

/**
 * The resolver map with each Query and Mutation resolver inside a span of its own, the active
 * one while it runs, so the SQL it sends nests under it. Unchanged without a tracer.
 */
export function tracedResolvers<C>(
  resolvers: GraphQLResolverMap<C>,
  tracer: Tracer | undefined,
): GraphQLResolverMap<C> {
  if (!tracer) return resolvers;
  const wrapped: GraphQLResolverMap<C> = { ...resolvers };
  for (const type of TRACED_TYPES) {
    const fields = resolvers[type] as Record<string, unknown> | undefined;
    if (!fields) continue;
    const entries = Object.entries(fields).map(([name, resolve]) =>
      typeof resolve === 'function'
        ? [name, traced(tracer, `${type}.${name}`, resolve as Resolver<C>)]
        : [name, resolve],
    );
    wrapped[type] = Object.fromEntries(entries) as GraphQLResolverMap<C>[string];
  }
  return wrapped;
}
