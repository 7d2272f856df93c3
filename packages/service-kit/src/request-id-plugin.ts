import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { isDatabaseUnreachable } from './database/database-unreachable';
import { publicCodeOf } from './graphql-errors';

export interface RequestScoped extends BaseContext {
  readonly requestId: string;
}

/**
 * Logs every error that will be masked, with its stack, under the request ID; and puts
 * that ID on every error the client sees so support can find the log line.
 */
export function requestIdPlugin<C extends RequestScoped>(log: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            if (isDatabaseUnreachable(error)) {
              log.warn({ requestId: contextValue.requestId, operationName }, 'request refused: database unreachable');
              continue;
            }
            if (publicCodeOf(error.toJSON(), error) !== undefined) continue;
            log.error(
              { requestId: contextValue.requestId, operationName, path: error.path, err: error.originalError ?? error },
              'request failed',
            );
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const { errors } = response.body.singleResult;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}
