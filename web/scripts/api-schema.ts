import { readFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

/** The public API schema of a supergraph (no join__/link__ types, @inaccessible removed), as SDL. */
export async function apiSchemaSdl(supergraphPath: string): Promise<string> {
  const supergraph = Supergraph.build(await readFile(supergraphPath, 'utf8'));
  return printSchema(supergraph.apiSchema().toGraphQLJSSchema());
}
