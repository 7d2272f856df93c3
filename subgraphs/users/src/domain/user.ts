import { invalid } from '@shopgraph/service-kit/app-error';
import type { Role } from '@shopgraph/service-kit/identity';

export type { Role };

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: Date;
}

/** A user with the secret that proves them; never leaves the application layer. */
export interface UserWithCredentials extends User {
  readonly passwordHash: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_LENGTH = { min: 1, max: 100 } as const;
export const PASSWORD_LENGTH = { min: 8, max: 200 } as const;

/** Emails are compared case-insensitively and stored as typed, trimmed and lower-cased. */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw invalid('email is not a valid email address.');
  return email;
}

export function validateName(raw: string): string {
  const name = raw.trim();
  if (name.length < NAME_LENGTH.min || name.length > NAME_LENGTH.max) {
    throw invalid(`name must be ${NAME_LENGTH.min} to ${NAME_LENGTH.max} characters.`);
  }
  return name;
}

export function validatePassword(password: string): string {
  if (password.length < PASSWORD_LENGTH.min) {
    throw invalid(`password must be at least ${PASSWORD_LENGTH.min} characters.`);
  }
  if (password.length > PASSWORD_LENGTH.max) {
    throw invalid(`password must be at most ${PASSWORD_LENGTH.max} characters.`);
  }
  return password;
}
