import type DataLoader from 'dataloader';
import { byIdLoader } from '@shopgraph/service-kit/by-id-loader';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import type { UserRepository } from '../../application/ports';
import type { User } from '../../domain/user';

export interface UsersContext extends SignedRequest {
  readonly loaders: { readonly user: DataLoader<string, User | undefined> };
}

/** A fresh set of loaders per request, so batching never leaks data between callers. */
export const usersContext =
  (users: UserRepository) =>
  (request: SignedRequest): UsersContext => ({
    ...request,
    loaders: { user: byIdLoader((ids) => users.findByIds(ids)) },
  });
