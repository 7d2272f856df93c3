import { randomUUID } from 'node:crypto';
import { invalid } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new opaque identifier. Clients must not read meaning into it. */
export const newId = (): string => randomUUID();

/** Accepts an ID argument or refuses it before it reaches a database. */
export function parseId(raw: string, what = 'ID'): string {
  if (!UUID.test(raw)) throw invalid(`${what} is malformed.`);
  return raw.toLowerCase();
}

export const isWellFormedId = (raw: string): boolean => UUID.test(raw);
