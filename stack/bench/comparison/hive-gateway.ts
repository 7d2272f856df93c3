import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { Identity } from '@shopgraph/service-kit/identity';
import { announce, identityOf, routedSupergraph, signatureFor } from './comparison-env';

// The bench's second comparison: Hive Gateway's runtime with its defaults (outbound in-flight
// deduplication on), signing each subgraph request as the subgraphs require. Its own process.
const identities = new WeakMap<Request, Promise<Identity>>();
const identityFor = (request: Request): Promise<Identity> => {
  let identity = identities.get(request);
  if (identity === undefined) {
    identity = identityOf(request.headers.get('authorization'));
    identities.set(request, identity);
  }
  return identity;
};

const signing: GatewayPlugin = {
  async onFetch({ url, options, setOptions, context }) {
    if (!('request' in context)) return;
    const identity = await identityFor(context.request);
    const body = typeof options.body === 'string' ? options.body : '';
    const headers = { ...(options.headers as Record<string, string> | undefined) };
    setOptions({ ...options, headers: { ...headers, ...signatureFor({ url, identity, body }) } });
  },
};

const gateway = createGatewayRuntime({
  supergraph: routedSupergraph(),
  transports: { http: httpTransport },
  logging: false,
  plugins: () => [signing],
});
const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  announce(`http://127.0.0.1:${port}/graphql`);
});
