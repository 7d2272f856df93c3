import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from './allowed-origins';

describe('CORS_ORIGINS', () => {
  it('allows any origin when unset outside production, and none when unset in production', () => {
    expect(parseAllowedOrigins({ value: undefined, environment: 'development' })).toBe('any');
    expect(parseAllowedOrigins({ value: undefined, environment: 'test' })).toBe('any');
    expect(parseAllowedOrigins({ value: undefined, environment: 'production' })).toEqual([]);
    expect(parseAllowedOrigins({ value: ' ', environment: 'production' })).toEqual([]);
  });

  it('allows any origin when set to *, even in production', () => {
    expect(parseAllowedOrigins({ value: '*', environment: 'production' })).toBe('any');
  });

  it('reads a comma-separated list, spelled as browsers send origins', () => {
    const value = 'https://Shop.Example/, http://localhost:5173 ,https://admin.shop.example:443,';
    expect(parseAllowedOrigins({ value, environment: 'production' })).toEqual([
      'https://shop.example',
      'http://localhost:5173',
      'https://admin.shop.example',
    ]);
  });

  it.each([['https://shop.example/app'], ['shop.example'], ['ftp://shop.example'], ['https://shop.example?x=1']])(
    'refuses %s, which is not an origin',
    (value) => {
      expect(() => parseAllowedOrigins({ value, environment: 'production' })).toThrow(
        /CORS_ORIGINS: ".*" is not an origin/,
      );
    },
  );
});
