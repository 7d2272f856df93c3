import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { RequestScoped } from '../request-id-plugin';
import { operationLabels } from './operation-labels';
import type { OperationLabelOptions } from './operation-labels';
import type { ServiceMetrics } from './service-metrics';

/** Options of {@link observeRequestsPlugin}. */
export interface ObserveRequestsOptions {
  readonly metrics: ServiceMetrics;
  readonly log: Logger;
  /** Which operation names become labels (default: the first 50 seen, then `other`). */
  readonly operations?: OperationLabelOptions;
}

type Outcome = 'success' | 'partial' | 'error';

/**
 * RED per operation and one access-log line per GraphQL request: `graphql_requests_total` and
 * `graphql_request_duration_seconds` by operation and outcome (`success`, `partial`: data and
 * errors, `error`: errors only); the line has the operation name, the client's name
 * (`apollographql-client-name`), the duration, the outcome, the request ID and the trace ID.
 */
export function observeRequestsPlugin<C extends RequestScoped>(options: ObserveRequestsOptions): ApolloServerPlugin<C> {
  const { metrics, log } = options;
  const label = operationLabels(options.operations);
  const requests = metrics.counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and outcome.',
    labelNames: ['operation', 'outcome'],
  });
  const duration = metrics.histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name and outcome.',
    labelNames: ['operation', 'outcome'],
  });
  return {
    async requestDidStart({ request }) {
      const began = performance.now();
      const traceId = trace.getActiveSpan()?.spanContext().traceId;
      const clientName = request.http?.headers.get('apollographql-client-name')?.slice(0, 64);
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          const seconds = (performance.now() - began) / 1000;
          const outcome = outcomeOf(response.body);
          const operation = label(operationName ?? request.operationName);
          requests.inc({ operation, outcome });
          duration.observe({ operation, outcome }, seconds);
          const line = { operationName: operationName ?? request.operationName ?? null, clientName, outcome };
          const ids = { requestId: contextValue.requestId, ...(traceId && { traceId }) };
          log.info({ ...line, ...ids, durationMs: Math.round(seconds * 10_000) / 10 }, 'request');
        },
      };
    },
  };
}

function outcomeOf(body: GraphQLResponse['body']): Outcome {
  if (body.kind !== 'single') return 'success';
  const { data, errors } = body.singleResult;
  if (!errors?.length) return 'success';
  return data ? 'partial' : 'error';
}
