import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { publicCodeOf } from '../graphql-errors';

/**
 * Names the request's span after its operation and records each GraphQL error on it, with its
 * code and the request ID the span already carries; an error no client code explains (one that
 * is masked as INTERNAL_SERVER_ERROR) also marks the span failed.
 */
export function tracingPlugin<C extends BaseContext & { requestId: string }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      return {
        async didResolveOperation({ operationName, operation }) {
          if (operation) span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = publicCodeOf(error.toJSON(), error);
            span.recordException({
              name: code ?? 'INTERNAL_SERVER_ERROR',
              message: error.message,
              ...(code === undefined && error.originalError?.stack ? { stack: error.originalError.stack } : {}),
            });
            span.setAttribute('shopgraph.request_id', contextValue.requestId);
            if (code === undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
          }
        },
      };
    },
  };
}
