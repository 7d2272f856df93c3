import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isDatabaseConnectionLost } from './database/database-connection-lost';
import { isDatabaseUnreachable } from './database/database-unreachable';

export const OUTCOME_UNKNOWN_MESSAGE =
  'The service lost its database during this mutation: it may or may not have been applied. ' +
  'Check before repeating it: placeOrder is safe to retry with the same idempotencyKey, never a new one.';

const lostMidWork = (error: unknown) => isDatabaseConnectionLost(error) && !isDatabaseUnreachable(error);

/**
 * A mutation whose database connection died under it may have committed (the server can die
 * after the COMMIT and before its reply), so its masked INTERNAL_SERVER_ERROR becomes
 * OUTCOME_UNKNOWN, the code the gateway gives a mutation that got no answer. A query that
 * fails so changed nothing and keeps its code.
 */
export function unknownOutcomePlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      let unknown = false;
      return {
        async didEncounterErrors({ operation, errors }) {
          unknown ||= operation?.operation === 'mutation' && errors.some(lostMidWork);
        },
        async willSendResponse({ response }) {
          if (!unknown || response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((error) =>
            error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR'
              ? {
                  ...error,
                  message: OUTCOME_UNKNOWN_MESSAGE,
                  extensions: { ...error.extensions, code: 'OUTCOME_UNKNOWN' },
                }
              : error,
          );
        },
      };
    },
  };
}
