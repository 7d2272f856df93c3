/**
 * The kinds of refusal a use case can make. Adapters map each kind to a public code
 * (GraphQL `extensions.code`); the domain never learns about GraphQL.
 */
export type AppErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

/** A refusal whose message is safe to show to the client as it is. */
export class AppError extends Error {
  readonly kind: AppErrorKind;

  constructor(kind: AppErrorKind, message: string) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
  }
}

/** By shape as well as by class, so a copy of this module loaded twice still recognises it. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (error instanceof Error && error.name === 'AppError' && 'kind' in error);
}

export const invalid = (message: string): AppError => new AppError('invalid', message);
export const notFound = (message: string): AppError => new AppError('not_found', message);
export const conflict = (message: string): AppError => new AppError('conflict', message);
export const forbidden = (message = 'You are not allowed to do this.'): AppError => new AppError('forbidden', message);
export const unauthenticated = (message = 'Sign in to do this.'): AppError => new AppError('unauthenticated', message);
