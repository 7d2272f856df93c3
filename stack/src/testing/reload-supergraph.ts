import { writeFile } from 'node:fs/promises';
import { supergraphHash } from '@shopgraph/gateway/supergraph-in-force';
import { waitFor } from '@shopgraph/service-kit/wait-for';

/** What the gateway's `GET /ready` says about the supergraph it serves. */
export interface GatewayReadiness {
  readonly status: string;
  /** The hash of the supergraph in force ({@link supergraphHash}). */
  readonly supergraph: string | undefined;
  readonly subgraphs: Readonly<Record<string, boolean>>;
}

/** The gateway's readiness, from the `/graphql` URL it serves. */
export async function gatewayReadiness(gatewayUrl: string): Promise<GatewayReadiness> {
  const response = await fetch(new URL('/ready', gatewayUrl));
  return (await response.json()) as GatewayReadiness;
}

/** Options of {@link reloadSupergraph}. */
export interface ReloadOptions {
  readonly gatewayUrl: string;
  /** The file a development gateway watches (its SUPERGRAPH_PATH). */
  readonly path: string;
  readonly supergraphSdl: string;
}

/**
 * Writes a supergraph where a development gateway watches for it and resolves once the gateway
 * serves it: `/ready` names its hash. No guessed sleep, however slow the machine.
 */
export async function reloadSupergraph({ gatewayUrl, path, supergraphSdl }: ReloadOptions): Promise<void> {
  await writeFile(path, supergraphSdl);
  const hash = supergraphHash(supergraphSdl);
  await waitFor(async () => (await gatewayReadiness(gatewayUrl)).supergraph === hash, {
    what: `supergraph ${hash} in force`,
  });
}
