// `npm run generate` (web part): the API schema the storefront is typed against, and typed
// documents for its operations (GraphQL Code Generator, decision 0036). Both are build
// outputs under generated/, never committed.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { apiSchemaSdl } from './api-schema';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schemaPath = `${root}web/generated/schema.graphql`;

await mkdir(`${root}web/generated`, { recursive: true });
await writeFile(schemaPath, await apiSchemaSdl(`${root}supergraph.graphql`));
await generate(
  {
    schema: schemaPath,
    documents: `${root}web/src/operations/*.graphql`,
    silent: true,
    generates: {
      [`${root}web/src/generated/graphql.ts`]: {
        plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          // every variable is passed (null for none): a forgotten one fails the type check
          avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
          onlyOperationTypes: true,
          scalars: { DateTime: 'string', MinorUnits: 'number' },
        },
      },
    },
  },
  true,
);
console.log('Storefront operation types generated');
