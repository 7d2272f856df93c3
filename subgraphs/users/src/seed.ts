import { PrismaPg } from '@prisma/adapter-pg';
import { SEED_USERS } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { PrismaClient } from './adapters/prisma/generated/client';
import { ScryptPasswordHasher } from './adapters/security/scrypt-password-hasher';

/** Creates the demo logins once; later runs leave existing rows untouched. Returns rows created. */
export async function seedUsers(databaseUrl: string): Promise<number> {
  const pool = createServicePool(databaseUrl, { max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const ids = SEED_USERS.map((user) => user.id);
    const existing = new Set(
      (await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((u) => u.id),
    );
    const hasher = new ScryptPasswordHasher();
    const data = await Promise.all(
      SEED_USERS.filter((user) => !existing.has(user.id)).map(async ({ id, email, name, role, password }) => ({
        id,
        email,
        name,
        role,
        passwordHash: await hasher.hash(password),
      })),
    );
    return (await prisma.user.createMany({ data, skipDuplicates: true })).count;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
