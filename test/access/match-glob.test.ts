import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchActionScope } from '../../src/access/match-action-scope.js';
import { matchGlob } from '../../src/access/match-glob.js';

/** The meaning of a scope glob, as a regular expression: only for comparing on small inputs. */
function reference(glob: string, text: string): boolean {
  const body = glob
    .replace(/[.+^${}()|[\]\\-]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`).test(text);
}

describe('matchGlob', () => {
  it('matches like the glob it is: * any run, ? one character, the rest literally', () => {
    expect(matchGlob('disk-*', 'disk-usage')).toBe(true);
    expect(matchGlob('disk-*', 'disk-')).toBe(true);
    expect(matchGlob('disk-?', 'disk-ab')).toBe(false);
    expect(matchGlob('*-web', 'restart-web')).toBe(true);
    expect(matchGlob('*', '')).toBe(true);
    expect(matchGlob('a.b', 'axb')).toBe(false);
  });

  it('agrees with the regular-expression reading (property)', () => {
    const unit = fc.constantFrom('a', 'b', '-', '*', '?');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 10 }),
        (glob, text) => {
          expect(matchGlob(glob, text)).toBe(reference(glob, text));
        },
      ),
    );
  });

  it('#13.2 a glob of many stars against a long id answers at once (no backtracking regex)', () => {
    const glob = `${'*a'.repeat(30)}*b`;
    const id = 'a'.repeat(63);
    expect(matchGlob(glob, id)).toBe(false);
    expect(matchActionScope([glob], { id })).toBe(false);
    expect(matchActionScope([`${'*a'.repeat(30)}*`], { id })).toBe(true);
  });
});
