import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql-js must be one copy: Apollo (loaded by Node) gets its CommonJS build, so our
// sources get the same one instead of the ESM build Vite would pick.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/generated/**', '.data/**'],
    globalSetup: ['./packages/test-kit/src/global-setup.ts'],
    // bounds against hanging only: on a busy 2-core machine a saga test can take minutes
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
