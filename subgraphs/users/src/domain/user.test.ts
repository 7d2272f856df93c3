import { describe, expect, it } from 'vitest';
import { normaliseEmail, validateName, validatePassword } from './user';

describe('user rules', () => {
  it('stores emails trimmed and lower-cased', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it.each(['', 'plain', 'a@b', '@shop.test', 'a b@shop.test', `${'x'.repeat(250)}@shop.test`])(
    'refuses %j as an email',
    (email) => expect(() => normaliseEmail(email)).toThrow(/email/),
  );

  it('refuses passwords shorter than 8 characters and accepts 8', () => {
    expect(() => validatePassword('1234567')).toThrow(/at least 8/);
    expect(validatePassword('12345678')).toBe('12345678');
  });

  it('refuses a blank or overlong name', () => {
    expect(() => validateName('   ')).toThrow(/name/);
    expect(() => validateName('x'.repeat(101))).toThrow(/name/);
    expect(validateName('  Ada ')).toBe('Ada');
  });
});
