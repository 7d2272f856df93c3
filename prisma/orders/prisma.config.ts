import { prismaMigrateConfig } from '@shopgraph/service-kit/database/prisma-migrate-config';

export default prismaMigrateConfig('ORDERS_DATABASE_URL');
