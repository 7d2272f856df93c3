import { defineConfig } from 'prisma/config';
import { migrationAdapter } from '@shopgraph/service-kit/database/migration-adapter';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: './schema.prisma',
  migrations: { path: './migrations' },
  adapter: async () => migrationAdapter(databaseUrl()),
});

function databaseUrl(): string {
  const url = process.env['PAYMENTS_DATABASE_URL'];
  if (url === undefined || url === '') throw new Error('PAYMENTS_DATABASE_URL is not set');
  return url;
}
