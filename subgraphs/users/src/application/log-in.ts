import { unauthenticated } from '@shopgraph/service-kit/app-error';
import type { PasswordHasher, TokenIssuer, UserRepository } from './ports';
import type { Session } from './sign-up';

export interface LogInDeps {
  readonly users: UserRepository;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenIssuer;
  /** A valid hash verified when the email is unknown, so timing does not reveal accounts. */
  readonly decoyHash: string;
}

const WRONG_CREDENTIALS = 'Email or password is incorrect.';

export function logIn({ users, hasher, tokens, decoyHash }: LogInDeps) {
  return async (email: string, password: string): Promise<Session> => {
    const found = await users.findByEmail(email.trim().toLowerCase());
    const matches = await hasher.verify(password, found?.passwordHash ?? decoyHash);
    if (!found || !matches) throw unauthenticated(WRONG_CREDENTIALS);
    const { passwordHash: _secret, ...user } = found;
    return { token: await tokens.issue(user), user };
  };
}
