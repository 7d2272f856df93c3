import { SEED_USERS } from '@shopgraph/seed-data/fixture';
import type { PasswordHasher } from './application/ports';
import type { PrismaClient } from './adapters/prisma/generated/client';

/** Creates the demo logins once; later runs leave existing rows untouched. */
export async function seedUsers(prisma: PrismaClient, hasher: PasswordHasher): Promise<number> {
  const existing = new Set(
    (await prisma.user.findMany({ where: { id: { in: SEED_USERS.map((u) => u.id) } }, select: { id: true } })).map((u) => u.id),
  );
  const missing = SEED_USERS.filter((user) => !existing.has(user.id));
  const data = await Promise.all(
    missing.map(async ({ id, email, name, role, password }) => ({ id, email, name, role, passwordHash: await hasher.hash(password) })),
  );
  const { count } = await prisma.user.createMany({ data, skipDuplicates: true });
  return count;
}
