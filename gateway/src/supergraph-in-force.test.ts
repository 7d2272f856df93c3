import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config';
import { subgraphEndpoints, supergraphHash } from './supergraph-in-force';

const secret = 'a-shared-secret-of-at-least-32-characters';
const subgraph = (name: string, field: string) => ({
  name,
  url: `http://${name}.internal/graphql`,
  typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { ${field}: String }`),
});

function supergraphOf(...names: readonly string[]): string {
  const composition = composeServices(names.map((name, index) => subgraph(name, `field${index}`)));
  if (!composition.supergraphSdl) throw new Error(String(composition.errors));
  return composition.supergraphSdl;
}

describe('the subgraphs of a supergraph the gateway never saw', () => {
  it('are each reached at their routing URL, or at <NAME>_URL, signed with the shared default secret', () => {
    const config = loadGatewayConfig({
      SUBGRAPH_SIGNING_SECRET: secret,
      INVENTORY_URL: 'http://10.0.0.7:4010/graphql',
    });
    const endpoints = subgraphEndpoints(config, supergraphOf('inventory', 'product-reviews'));
    expect(Object.fromEntries(endpoints)).toEqual({
      inventory: { url: 'http://10.0.0.7:4010/graphql', secret, timeoutMs: 10_000 },
      'product-reviews': { url: 'http://product-reviews.internal/graphql', secret, timeoutMs: 10_000 },
    });
  });

  it('are refused in production when one has no secret, naming it and the variables that would do', () => {
    const config = loadGatewayConfig({ NODE_ENV: 'production', JWT_SECRET: secret, INVENTORY_SIGNING_SECRET: secret });
    expect(() => subgraphEndpoints(config, supergraphOf('inventory', 'product-reviews'))).toThrow(
      /subgraph "product-reviews" has no signing secret; set PRODUCT_REVIEWS_SIGNING_SECRET or SUBGRAPH_SIGNING_SECRET/,
    );
  });

  it('are refused when two names would share the same variables', () => {
    expect(() => subgraphEndpoints(loadGatewayConfig({}), supergraphOf('a-b', 'a_b'))).toThrow(
      /"a-b" and "a_b" would share the variables A_B_\*/,
    );
  });

  it('name their supergraph by the SHA-256 of its text, as sha256sum prints it', () => {
    expect(supergraphHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
