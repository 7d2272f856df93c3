import { prismaMigrateConfig } from '@shopgraph/service-kit/database/prisma-migrate-config';

export default prismaMigrateConfig('USERS_DATABASE_URL');
