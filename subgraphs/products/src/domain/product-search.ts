import { invalid } from '@shopgraph/service-kit/app-error';

export const SEARCH_MAX_LENGTH = 100;

/**
 * The `search` argument as the catalogue applies it: trimmed, and absent when blank
 * (a blank search means "everything", not "nothing").
 */
export function normaliseSearch(raw: string | null | undefined): string | undefined {
  const search = raw?.trim() ?? '';
  if (search.length > SEARCH_MAX_LENGTH) throw invalid(`search must be at most ${SEARCH_MAX_LENGTH} characters.`);
  return search === '' ? undefined : search;
}
