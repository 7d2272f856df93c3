import { defineConfig } from 'prisma/config';
import { migrationAdapter } from './migration-adapter';

/**
 * A subgraph's `prisma.config.ts`: Migrate on the WebAssembly schema engine through the pg
 * adapter (nothing downloaded), against the database in `urlVariable`.
 */
export function prismaMigrateConfig(urlVariable: string): ReturnType<typeof defineConfig> {
  return defineConfig({
    experimental: { adapter: true },
    engine: 'js',
    schema: './schema.prisma',
    migrations: { path: './migrations' },
    adapter: async () => {
      const url = process.env[urlVariable];
      if (url === undefined || url === '') throw new Error(`${urlVariable} is not set`);
      return migrationAdapter(url);
    },
  });
}
