// @ts-check
import js from '@eslint/js';
import unicorn from 'eslint-plugin-unicorn';
import tseslint from 'typescript-eslint';

const otherServices = ['users', 'products', 'orders', 'payments', 'gateway', 'stack'].map(
  (name) => `@shopgraph/${name}*`,
);
const adapterLibraries = ['@prisma/*', '**/generated/*', 'pg', 'graphql', '@apollo/*', 'dataloader', 'jose', 'pino'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/generated/**',
      '.data/**',
      'coverage/**',
      '**/dist/**',
      'build/**',
      '**/.readme-snippets/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...tseslint.configs.strict,
  {
    // CommonJS shims (tracing's handle on the API build that @apollo/gateway uses)
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    plugins: { unicorn },
    rules: {
      'max-params': ['error', 3],
      'max-lines': ['warn', { max: 220, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
    },
  },
  {
    // a subgraph never imports another service: what crosses is the graph or an event
    files: ['subgraphs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: otherServices, message: 'Services do not import each other.' }] },
      ],
    },
  },
  {
    // the domain imports nothing from GraphQL, Prisma, the bus or Node I/O
    files: ['subgraphs/*/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/application/**', '**/adapters/**', '../application*', '../adapters*'],
              message: 'The domain depends on nothing outside it.',
            },
            { group: [...adapterLibraries, 'node:*'], message: 'The domain stays free of I/O and frameworks.' },
            { group: otherServices, message: 'Services do not import each other.' },
          ],
        },
      ],
    },
  },
  {
    // use cases depend on ports, never on adapters
    files: ['subgraphs/*/src/application/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '../adapters*'], message: 'The application layer imports no adapter.' },
            { group: adapterLibraries, message: 'The application layer talks to ports, not libraries.' },
            { group: otherServices, message: 'Services do not import each other.' },
          ],
        },
      ],
    },
  },
);
