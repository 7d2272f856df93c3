import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { findUnstorableString } from './unstorable-string';

/**
 * Apollo Server plugin: an operation carrying a string that cannot be stored (NUL, an
 * unpaired surrogate) in any variable or literal argument is refused BAD_USER_INPUT (400)
 * once parsed and validated, before any resolver or subgraph call runs. The gateway uses it
 * for every caller; each subgraph too, so a request that got past the gateway still stops.
 */
export function refuseUnstorableStrings<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problem = findUnstorableString({ document, variables: request.variables });
          if (problem === undefined) return;
          throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        },
      };
    },
  };
}
