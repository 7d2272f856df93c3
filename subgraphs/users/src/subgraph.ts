import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import { logIn } from './application/log-in';
import type { Clock, PasswordHasher, TokenIssuer, UserRepository } from './application/ports';
import { signUp } from './application/sign-up';
import { usersContext } from './adapters/graphql/context';
import type { UsersContext } from './adapters/graphql/context';
import { usersResolvers } from './adapters/graphql/resolvers';

export const usersTypeDefs: DocumentNode = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export interface UsersSubgraphDeps {
  readonly users: UserRepository;
  readonly hasher: PasswordHasher;
  readonly tokens: TokenIssuer;
  readonly clock: Clock;
}

export interface UsersSubgraph {
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<UsersContext>;
  readonly createContext: (request: SignedRequest) => UsersContext;
}

/** Wires use cases to their ports and returns what a GraphQL server needs; no network. */
export async function createUsersSubgraph(deps: UsersSubgraphDeps): Promise<UsersSubgraph> {
  const { users, hasher, tokens, clock } = deps;
  const decoyHash = await hasher.hash(`decoy-${Math.random()}`);
  return {
    typeDefs: usersTypeDefs,
    resolvers: usersResolvers({
      signUp: signUp({ users, hasher, tokens, clock }),
      logIn: logIn({ users, hasher, tokens, decoyHash }),
    }),
    createContext: usersContext(users),
  };
}
