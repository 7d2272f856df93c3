import { newId } from '@shopgraph/service-kit/ids';
import { normaliseEmail, validateName, validatePassword } from '../domain/user';
import type { User } from '../domain/user';
import type { Clock, PasswordHasher, TokenIssuer, UserRepository } from './ports';

export interface SignUpInput {
  readonly email: string;
  readonly name: string;
  readonly password: string;
}

export interface Session {
  readonly token: string;
  readonly user: User;
}

export interface SignUpDeps {
  readonly users: UserRepository;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenIssuer;
  readonly clock: Clock;
}

/** Creates a CUSTOMER account and signs it in; every rule is checked before anything is written. */
export function signUp({ users, hasher, tokens, clock }: SignUpDeps) {
  return async (input: SignUpInput): Promise<Session> => {
    const email = normaliseEmail(input.email);
    const name = validateName(input.name);
    const password = validatePassword(input.password);
    const passwordHash = await hasher.hash(password);
    const user = await users.create({
      id: newId(),
      email,
      name,
      role: 'CUSTOMER',
      passwordHash,
      createdAt: clock.now(),
    });
    return { token: await tokens.issue(user), user };
  };
}
