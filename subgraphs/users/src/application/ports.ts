import type { User, UserWithCredentials } from '../domain/user';

export type NewUser = UserWithCredentials;

export interface UserRepository {
  /** Inserts; a taken email is refused with a conflict, whatever the race. */
  create(user: NewUser): Promise<User>;
  findByEmail(email: string): Promise<UserWithCredentials | undefined>;
  /** One query for any number of IDs; missing IDs are simply absent. */
  findByIds(ids: readonly string[]): Promise<User[]>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false for a malformed hash. */
  verify(password: string, hash: string): Promise<boolean>;
}

export interface TokenIssuer {
  issue(user: User): Promise<string>;
}

export interface Clock {
  now(): Date;
}
