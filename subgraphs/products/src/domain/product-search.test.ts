import { describe, expect, it } from 'vitest';
import { normaliseSearch } from './product-search';

describe('catalogue search', () => {
  it('trims the search and treats a blank or missing one as no filter', () => {
    expect(normaliseSearch('  lamp ')).toBe('lamp');
    expect(normaliseSearch('   ')).toBeUndefined();
    expect(normaliseSearch(null)).toBeUndefined();
    expect(normaliseSearch(undefined)).toBeUndefined();
  });

  it('refuses a search longer than 100 characters, counted after trimming', () => {
    expect(normaliseSearch(` ${'x'.repeat(100)} `)).toHaveLength(100);
    expect(() => normaliseSearch('x'.repeat(101))).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});
