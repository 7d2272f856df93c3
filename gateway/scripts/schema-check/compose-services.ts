import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';

/** One subgraph as the check sees it: its name, routing URL and parsed SDL. */
export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: DocumentNode;
}

/** A composition message: its code (e.g. FIELD_TYPE_MISMATCH) and text. */
export interface CompositionMessage {
  readonly code: string;
  readonly message: string;
}

export type ComposedGraph =
  | { readonly ok: true; readonly supergraphSdl: string; readonly hints: readonly CompositionMessage[] }
  | {
      readonly ok: false;
      readonly errors: readonly CompositionMessage[];
      readonly hints: readonly CompositionMessage[];
    };

/** Composes subgraphs in memory with the library the gateway's query planner is built on. */
export function composeSubgraphs(subgraphs: readonly SubgraphSource[]): ComposedGraph {
  const result = composeServices(subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })));
  const hints = (result.hints ?? []).map((hint) => ({ code: hint.definition.code, message: hint.message }));
  if (result.errors) {
    const errors = result.errors.map((error) => ({
      code: typeof error.extensions['code'] === 'string' ? error.extensions['code'] : 'COMPOSITION_ERROR',
      message: error.message,
    }));
    return { ok: false, errors, hints };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl, hints };
}
