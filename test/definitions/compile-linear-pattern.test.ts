import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLinearPattern, linearRegExpEngine } from '../../src/definitions/compile-linear-pattern.js';

function compiled(pattern: string): { test(text: string): boolean } {
  const result = compileLinearPattern(pattern);
  if (!result.ok) throw new Error(`${pattern}: ${result.message}`);
  return result.regex;
}

describe('compileLinearPattern', () => {
  it('#13.2 catastrophic patterns answer at once on the inputs that make a backtracking engine hang', () => {
    expect(compiled('^(a+)+$').test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(compiled('(a|aa)+$').test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(compiled('(a*)*b').test('a'.repeat(5000))).toBe(false);
    expect(compiled('^(.*a){20}$').test(`${'a'.repeat(5000)}b`)).toBe(false);
    expect(compiled('^(a+)+$').test('a'.repeat(5000))).toBe(true);
  });

  it('#13.2 refuses what RE2 cannot run (backreferences, lookarounds) apart from what is not a regex at all', () => {
    for (const pattern of ['(a)\\1', '(?<w>a)\\k<w>', '^(?=a)', '(?!a)b', '(?<=a)b', '(?<!a)b', 'a{1001}']) {
      expect(compileLinearPattern(pattern), pattern).toMatchObject({ ok: false, reason: 'unsupported' });
    }
    for (const pattern of ['(', '[b-a]', '\\-x', '(?i)a', 'a**']) {
      expect(compileLinearPattern(pattern), pattern).toMatchObject({ ok: false, reason: 'invalid' });
    }
  });

  it('reads ECMAScript escapes as ECMAScript does', () => {
    expect(compiled('^\\u00e9$').test('é')).toBe(true);
    expect(compiled('^\\u{1F600}$').test('😀')).toBe(true);
    expect(compiled('^\\uD83D\\uDE00$').test('😀')).toBe(true);
    expect(compiled('^\\cA$').test('\u0001')).toBe(true);
    expect(compiled('^\\\\u0041$').test('\\u0041')).toBe(true);
    expect(compiled('^\\/x$').test('/x')).toBe(true);
    expect(compiled('^(?<word>[a-z]+)$').test('abc')).toBe(true);
  });

  it('agrees with the ECMAScript engine on simple patterns (property)', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      '.',
      '[ab]',
      '[^a]',
      '\\d',
      '\\w',
      'a?',
      'b*',
      '(a|b)',
      '(ab)+',
      'x{1,2}',
    );
    const patterns = fc
      .tuple(fc.boolean(), fc.array(atom, { minLength: 1, maxLength: 5 }), fc.boolean())
      .map(([start, atoms, end]) => `${start ? '^' : ''}${atoms.join('')}${end ? '$' : ''}`);
    const texts = fc.string({ unit: fc.constantFrom('a', 'b', 'x', '1', '-', ' '), maxLength: 8 });
    fc.assert(
      fc.property(patterns, texts, (pattern, text) => {
        expect(compiled(pattern).test(text)).toBe(new RegExp(pattern, 'u').test(text));
      }),
    );
  });

  it('#13.2 makes ajv match every schema pattern on the linear-time engine, each pattern kept apart', () => {
    const ajv = new Ajv({ code: { regExp: linearRegExpEngine } });
    const validate = ajv.compile({
      type: 'object',
      properties: { a: { type: 'string', pattern: '^(a+)+$' }, b: { type: 'string', pattern: '^b+$' } },
    });
    expect(validate({ a: `${'a'.repeat(5000)}!` })).toBe(false);
    expect(validate({ a: 'aaa', b: 'bbb' })).toBe(true);
    expect(validate({ a: 'aaa', b: 'aaa' })).toBe(false);
    expect(() => ajv.compile({ type: 'string', pattern: '(a)\\1' })).toThrow(/linear-time engine/);
  });
});
