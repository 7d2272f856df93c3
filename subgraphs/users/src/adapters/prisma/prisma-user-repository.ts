import { conflict } from '@shopgraph/service-kit/app-error';
import { isUniqueViolation } from '@shopgraph/service-kit/database/unique-violation';
import type { NewUser, UserRepository } from '../../application/ports';
import type { User, UserWithCredentials } from '../../domain/user';
import type { PrismaClient, User as UserRecord } from './generated/client';

// Whitelist: the password hash only leaves this file through findByEmail.
const toUser = ({ id, email, name, role, createdAt }: UserRecord): User => ({ id, email, name, role, createdAt });

export class PrismaUserRepository implements UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(user: NewUser): Promise<User> {
    try {
      return toUser(await this.prisma.user.create({ data: user }));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('An account with this email already exists.');
      throw error;
    }
  }

  async findByEmail(email: string): Promise<UserWithCredentials | undefined> {
    const record = await this.prisma.user.findUnique({ where: { email } });
    return record ? { ...toUser(record), passwordHash: record.passwordHash } : undefined;
  }

  async findByIds(ids: readonly string[]): Promise<User[]> {
    const records = await this.prisma.user.findMany({ where: { id: { in: [...ids] } } });
    return records.map(toUser);
  }
}
