import { prismaMigrateConfig } from '@shopgraph/service-kit/database/prisma-migrate-config';

export default prismaMigrateConfig('PRODUCTS_DATABASE_URL');
