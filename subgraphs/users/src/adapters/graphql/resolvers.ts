import { DateTime } from '@shopgraph/service-kit/date-time';
import { isWellFormedId, parseId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin } from '@shopgraph/service-kit/identity';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { getMe, getUser } from '../../application/get-user';
import type { SignUpInput, Session } from '../../application/sign-up';
import type { User } from '../../domain/user';
import type { UsersContext } from './context';

export interface UsersUseCases {
  readonly signUp: (input: SignUpInput) => Promise<Session>;
  readonly logIn: (email: string, password: string) => Promise<Session>;
}

const loadUser = (context: UsersContext) => (id: string) => context.loaders.user.load(id);

/** Thin resolvers: decode arguments, call one use case, return what it returns. */
export function usersResolvers(useCases: UsersUseCases): GraphQLResolverMap<UsersContext> {
  return {
    DateTime,
    Query: {
      me: (_: unknown, __: unknown, context: UsersContext) => getMe(context.identity, loadUser(context)),
      user: (_: unknown, { id }: { id: string }, context: UsersContext) =>
        getUser(context.identity, id, loadUser(context)),
    },
    Mutation: {
      signUp: (_: unknown, { input }: { input: SignUpInput }) => useCases.signUp(input),
      logIn: (_: unknown, { email, password }: { email: string; password: string }) => useCases.logIn(email, password),
    },
    User: {
      // Another subgraph named this user (Order.customer): the same self-or-ADMIN rule.
      __resolveReference: async ({ id }: { id: string }, context: UsersContext): Promise<User | undefined> => {
        if (!isWellFormedId(id)) return undefined;
        const userId = parseId(id);
        requireSelfOrAdmin(context.identity, userId);
        return context.loaders.user.load(userId);
      },
    },
  };
}
