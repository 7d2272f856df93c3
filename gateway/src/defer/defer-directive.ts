import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLString,
  Kind,
  visit,
} from 'graphql';
import type { DirectiveNode, DocumentNode } from 'graphql';

/** `@defer` as the incremental-delivery RFC (and Apollo's deferSpec=20220824) defines it. */
export const GraphQLDeferDirective = new GraphQLDirective({
  name: 'defer',
  description: 'Lets the server send this fragment after the rest of the answer (a hint: it may send it at once).',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    if: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true },
    label: { type: GraphQLString },
  },
});

/**
 * The API schema with `@defer` declared, so Apollo Server validates it (on a fragment only,
 * with its arguments' types) instead of refusing an unknown directive.
 */
export function withDeferDirective(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getDirective('defer')) return schema;
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, directives: [...config.directives, GraphQLDeferDirective] });
}

export const isDefer = (directive: DirectiveNode): boolean => directive.name.value === 'defer';

/**
 * The document without any `@defer`: what the federated executor (which knows no `@defer`)
 * plans and runs when the whole answer is sent at once.
 */
export function withoutDefer(document: DocumentNode): DocumentNode {
  return visit(document, {
    [Kind.DIRECTIVE]: (directive) => (isDefer(directive) ? null : undefined),
  });
}
