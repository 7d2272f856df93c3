import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { newId } from '@shopgraph/service-kit/ids';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { PrismaClient } from './generated/client';
import { PrismaUserRepository } from './prisma-user-repository';

const aUser = (email: string) => ({
  id: newId(),
  email,
  name: 'Ada',
  role: 'CUSTOMER' as const,
  passwordHash: 'scrypt$1$8$1$salt$key',
  createdAt: new Date(),
});

describe('PrismaUserRepository on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prisma: PrismaClient;
  let repository: PrismaUserRepository;
  const statements = { count: 0 };

  beforeAll(async () => {
    database = await createTestDatabase('users');
    pool = createServicePool(database.url, { counter: statements });
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    repository = new PrismaUserRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  });

  it('refuses a second account with the same email as a conflict, even when both race', async () => {
    const results = await Promise.allSettled([
      repository.create(aUser('race@shop.test')),
      repository.create(aUser('race@shop.test')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refusal = results.find((r) => r.status === 'rejected');
    expect(refusal?.status === 'rejected' && refusal.reason).toMatchObject({ kind: 'conflict' });
  });

  it('never returns the password hash except to the login lookup', async () => {
    const created = await repository.create(aUser('secret@shop.test'));
    expect(created).not.toHaveProperty('passwordHash');
    const [found] = await repository.findByIds([created.id]);
    expect(found).not.toHaveProperty('passwordHash');
    expect((await repository.findByEmail('secret@shop.test'))?.passwordHash).toBe('scrypt$1$8$1$salt$key');
  });

  it('loads any number of users in one statement', async () => {
    const users = await Promise.all([1, 2, 3].map((n) => repository.create(aUser(`batch${n}@shop.test`))));
    const before = statements.count;
    const found = await repository.findByIds([...users.map((u) => u.id), newId()]);
    expect(statements.count - before).toBe(1);
    expect(found.map((u) => u.id).sort()).toEqual(users.map((u) => u.id).sort());
  });
});
