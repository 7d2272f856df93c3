import { getOperationAST } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { withDeferDirective, withoutDefer } from './defer-directive';

/** The gateway Apollo Server is given, and the schema it validates against (for the split). */
export interface DeferAwareGateway {
  readonly gateway: GatewayInterface;
  /** The API schema in force, `@defer` included; undefined before the supergraph loads. */
  schema(): GraphQLSchema | undefined;
}

// a document that names no @defer is passed on as it is (no copy on the usual path)
const mentionsDefer = (source: string | undefined) => source === undefined || source.includes('@defer');

function deferStripping(executor: GatewayExecutor): GatewayExecutor {
  return (requestContext) => {
    if (!mentionsDefer(requestContext.source)) return executor(requestContext);
    const document = withoutDefer(requestContext.document);
    const operation = getOperationAST(document, requestContext.operationName) ?? requestContext.operation;
    return executor({ ...requestContext, document, operation });
  };
}

/**
 * Wraps the Apollo Gateway so that `@defer` is accepted: Apollo Server validates against the
 * API schema with the directive declared, and the executor (whose planner would refuse it)
 * runs the document without it, i.e. the whole answer at once. Splitting the answer into
 * parts is `http-defer.ts`'s job, for clients that asked for incremental delivery.
 */
export function deferAwareGateway(gateway: GatewayInterface): DeferAwareGateway {
  let current: GraphQLSchema | undefined;
  return {
    gateway: {
      onSchemaLoadOrUpdate: (callback) =>
        gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
          current = withDeferDirective(apiSchema);
          callback({ apiSchema: current, coreSupergraphSdl });
        }),
      load: async (options) => {
        const { executor } = await gateway.load(options);
        return { executor: executor && deferStripping(executor) };
      },
      stop: () => gateway.stop(),
    },
    schema: () => current,
  };
}
