import type { ServerResponse } from 'node:http';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { FormatError } from '../limits/hide-field-suggestions';
import type { FederatedSubscription } from './federated-subscription';
import type { HttpStreamFormat } from './http-stream-format';

/** Options of {@link streamSubscription}. */
export interface SubscriptionStreamOptions {
  readonly subscription: FederatedSubscription;
  readonly res: ServerResponse;
  readonly format: HttpStreamFormat;
  readonly formatError: FormatError;
  /** ms between heartbeats while no event comes. */
  readonly heartbeatMs: number;
  readonly requestId: string;
  readonly log: Logger;
}

const INTERNAL = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

function formatted({ data, errors, extensions }: ExecutionResult, formatError: FormatError): FormattedExecutionResult {
  return {
    ...(data === undefined ? {} : { data }),
    ...(errors ? { errors: errors.map((error) => formatError(error.toJSON(), error)) } : {}),
    ...(extensions ? { extensions } : {}),
  };
}

/**
 * Writes a subscription's results on an HTTP response until it ends or the client goes
 * away; either way the subscription is returned (its upstream share released).
 */
export async function streamSubscription(options: SubscriptionStreamOptions): Promise<void> {
  const { subscription, res, format, log } = options;
  res.writeHead(200, {
    'content-type': format.contentType,
    'cache-control': 'no-cache, no-store',
    // nginx and similar proxies would otherwise buffer the events
    'x-accel-buffering': 'no',
    // a stream is long; once it ends, the socket goes too, so a stopping gateway waits for none
    connection: 'close',
  });
  res.write(format.opening);
  res.once('close', () => void subscription.return());
  const heartbeat = setInterval(() => res.write(format.heartbeat), options.heartbeatMs);
  try {
    for await (const result of subscription) {
      if (res.destroyed) break;
      res.write(format.next(formatted(result, options.formatError)));
    }
  } catch (error) {
    log.warn({ err: error, requestId: options.requestId }, 'a subscription streamed over HTTP failed');
    if (!res.destroyed) res.write(format.next({ errors: [INTERNAL] }));
  } finally {
    clearInterval(heartbeat);
    if (!res.destroyed) res.end(format.closing);
  }
}
