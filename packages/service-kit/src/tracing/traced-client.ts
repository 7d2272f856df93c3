import { SpanKind, context, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import type pg from 'pg';
import { recordFailure } from './in-span';

type Callback = (error: Error | null, result?: unknown) => void;

const statementText = (first: unknown): string => {
  if (typeof first === 'string') return first;
  const text = typeof first === 'object' && first !== null ? Reflect.get(first, 'text') : undefined;
  return typeof text === 'string' ? text : '';
};

// `select`, `insert`, `with`, `begin`: the span's name, so a trace reads without opening each span
const operationOf = (text: string): string => /^\s*([a-z]+)/i.exec(text)?.[1]?.toLowerCase() ?? 'query';

function startStatementSpan(tracer: Tracer, client: pg.Client, first: unknown): Span {
  const text = statementText(first);
  const operation = operationOf(text);
  return tracer.startSpan(
    `${operation} ${client.database ?? 'postgresql'}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'postgresql',
        'db.namespace': client.database ?? '',
        'db.operation.name': operation,
        // the parameterized text: values travel apart and are never recorded
        'db.query.text': text,
      },
    },
    context.active(),
  );
}

const settle = (span: Span, error: unknown) => {
  if (error) recordFailure(span, error);
  span.end();
};

/**
 * A `pg.Client` whose every statement inside a span is a span, child of the active one: Prisma's (through
 * `@prisma/adapter-pg`, which queries this pool) and our own SQL alike, without patching `pg`
 * (decision 0030). Covers the promise and the callback form, which `pg.Pool#query` uses.
 */
export function tracedClient(Base: typeof pg.Client, tracer: Tracer): typeof pg.Client {
  return class TracedClient extends Base {
    override query(...args: unknown[]): never {
      // a statement outside any span (a relay's poll, a readiness probe) would be a trace of its own: noise
      if (!trace.getSpan(context.active())) return (super.query as (...a: unknown[]) => never)(...args);
      const span = startStatementSpan(tracer, this, args[0]);
      const last = args.at(-1);
      if (typeof last === 'function') {
        const callback = last as Callback;
        args[args.length - 1] = (error: Error | null, result?: unknown) => {
          settle(span, error);
          callback(error, result);
        };
      }
      const result = (super.query as (...a: unknown[]) => unknown)(...args);
      if (result instanceof Promise) {
        result.then(
          () => settle(span, undefined),
          (error: unknown) => settle(span, error),
        );
      } else if (typeof last !== 'function') {
        span.end(); // a submittable (cursor, stream): its rows come later, the span covers the submission
      }
      return result as never;
    }
  };
}
