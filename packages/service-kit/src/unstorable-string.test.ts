import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findUnstorableString, isStorableString } from './unstorable-string';

const NUL = 'a\u0000b';
const HIGH_ALONE = 'a\ud800b';
const LOW_ALONE = 'a\udc00b';
const REVERSED_PAIR = '\ude00\ud83d';
const QUERY = parse('query ($s: String, $input: SignUpInput) { a(search: $s) b(input: $input) }');

describe('strings the shop cannot store', () => {
  it.each([
    ['a NUL', NUL],
    ['a high surrogate alone', HIGH_ALONE],
    ['a high surrogate at the end', 'ab\ud83d'],
    ['a low surrogate alone', LOW_ALONE],
    ['a pair in the wrong order', REVERSED_PAIR],
  ])('refuses %s', (_, value) => {
    expect(isStorableString(value)).toBe(false);
  });

  it.each([
    ['plain text', 'Lamp'],
    ['an emoji (a well-formed surrogate pair)', '😀 ok'],
    ['other control characters and accents', 'tab\there, é, 漢字, \u0001'],
    ['the empty string', ''],
  ])('accepts %s', (_, value) => {
    expect(isStorableString(value)).toBe(true);
  });

  it('names the variable and the path inside it', () => {
    const variables = { s: 'fine', input: { email: 'a@b.c', tags: ['ok', HIGH_ALONE] } };
    expect(findUnstorableString({ document: QUERY, variables })).toMatch(/Variable "\$input" .*input\.tags\[1\]/);
  });

  it('names a literal argument, however deep its string lies', () => {
    const document = parse('{ a(search: "x\\u0000") b(input: { name: ["ok", "\\u0000"] }) }');
    expect(findUnstorableString({ document })).toMatch(/Argument "search"/);
    const nested = parse('{ b(input: { name: ["ok", "\\u0000"] }) }');
    expect(findUnstorableString({ document: nested })).toMatch(/Argument "input"/);
  });

  it('checks directive arguments and variable defaults too', () => {
    expect(findUnstorableString({ document: parse('{ a @include(if: true) @tag(name: "\\u0000") }') })).toMatch(
      /Argument "name"/,
    );
    expect(findUnstorableString({ document: parse('query ($s: String = "\\u0000") { a(search: $s) }') })).toMatch(
      /Variable "\$s"/,
    );
  });

  it('leaves lone surrogates in literals to the parser, which refuses them', () => {
    expect(() => parse('{ a(search: "\\ud800") }')).toThrow(/Unicode/);
    expect(() => parse(`{ a(search: "${HIGH_ALONE}") }`)).toThrow(/Invalid character/);
  });

  it('finds nothing in a clean operation', () => {
    const variables = { s: 'Lamp 😀', input: { email: 'a@b.c', n: 3, ok: true, none: null } };
    expect(findUnstorableString({ document: QUERY, variables })).toBeUndefined();
  });
});
