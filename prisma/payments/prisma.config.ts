import { prismaMigrateConfig } from '@shopgraph/service-kit/database/prisma-migrate-config';

export default prismaMigrateConfig('PAYMENTS_DATABASE_URL');
