// The glob matcher: the patterns reviewers write, and patterns written to make a backtracking
// matcher take exponential time, which this one answers in (path length + 1) × states steps.
import { describe, expect, it } from 'vitest';
import { compileGlob, isGlob, matchesGlob, MAX_GLOB_LENGTH } from '../../server/src/core/glob.js';

const m = (p: string, g: string) => compileGlob(g).test(p);

describe('glob matching', () => {
  it('*, ** and **/ keep to folders as .gitignore does', () => {
    expect(m('vendors/acme/mds2.xlsx', 'vendors/**')).toBe(true);
    expect(m('vendors/acme/mds2.xlsx', 'vendors/*.xlsx')).toBe(false);
    expect(m('vendors/mds2.xlsx', 'vendors/*.xlsx')).toBe(true);
    expect(m('vendors/mds2.xlsx', 'vendors/**/*.xlsx')).toBe(true);
    expect(m('vendors/a/b/c/mds2.xlsx', 'vendors/**/*.xlsx')).toBe(true);
    expect(m('vendorsX/mds2.xlsx', 'vendors/**/*.xlsx')).toBe(false);
    expect(m('a/b', '*')).toBe(false);
    expect(m('a/b', '**')).toBe(true);
    expect(m('', '*')).toBe(true);
  });

  it('?, classes, ranges, negation and escapes', () => {
    expect(m('cs1.pdf', 'cs?.pdf')).toBe(true);
    expect(m('cs/.pdf', 'cs?.pdf')).toBe(false);
    expect(m('cs7.pdf', 'cs[0-9].pdf')).toBe(true);
    expect(m('csx.pdf', 'cs[0-9].pdf')).toBe(false);
    expect(m('csx.pdf', 'cs[!0-9].pdf')).toBe(true);
    expect(m('cs5.pdf', 'cs[^0-9].pdf')).toBe(false);
    expect(m('a]b', 'a[]]b')).toBe(true);
    expect(m('a*b', 'a\\*b')).toBe(true);
    expect(m('axb', 'a\\*b')).toBe(false);
    expect(m('a[b', 'a[b')).toBe(true); // an unclosed class is a literal
  });

  it('braces, nested and unbalanced', () => {
    expect(m('a/b.csv', '**/*.{xlsx,csv}')).toBe(true);
    expect(m('b.csv', '**/*.{xlsx,csv}')).toBe(true);
    expect(m('b.pdf', '**/*.{xlsx,csv}')).toBe(false);
    expect(m('ac', '{a,{b,c}}{b,c}')).toBe(true);
    expect(m('cb', '{a,{b,c}}{b,c}')).toBe(true);
    expect(m('dd', '{a,{b,c}}{b,c}')).toBe(false);
    expect(m('x{y', 'x{y')).toBe(true);
    expect(m('report.pdf', '{,draft-}report.pdf')).toBe(true);
  });

  it('matchesGlob: a slashless pattern matches the name anywhere', () => {
    expect(matchesGlob('vendors/acme/mds2.xlsx', '*.xlsx')).toBe(true);
    expect(matchesGlob('vendors/acme/notes.md', '**/*.xlsx')).toBe(false);
    expect(matchesGlob('vendors\\acme\\mds2.xlsx', 'vendors/**')).toBe(true);
    expect(matchesGlob('vendors/acme/mds2.xlsx', './vendors/**')).toBe(true);
    expect(isGlob('a[1].pdf') && isGlob('*.pdf') && !isGlob('plain.pdf')).toBe(true);
  });

  it('pathological patterns cost at most (length + 1) × states steps', () => {
    const cases: [string, string][] = [
      ['a*a*a*a*a*a*b', 'a'.repeat(20_000)],
      ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(20_000)],
      ['**/**/**/**/**/**/**/**/x', 'a/'.repeat(5_000)],
      [`${'{a,aa}'.repeat(30)}b`, 'a'.repeat(60)],
      [`${'{a,a}'.repeat(200)}`, 'a'.repeat(199)],
      ['*'.repeat(2000) + 'b', 'a'.repeat(5_000)],
      ['[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*!', 'abcdefghij'.repeat(2_000)],
    ];
    for (const [glob, path] of cases) {
      const matcher = compileGlob(glob);
      const counter = { steps: 0 };
      expect(matcher.test(path, counter), glob).toBe(false);
      expect(counter.steps, glob).toBeLessThanOrEqual((path.length + 1) * matcher.states * 2);
    }
    // Still right when they do match.
    expect(compileGlob('a*a*a*a*a*a*b').test(`${'a'.repeat(20_000)}b`)).toBe(true);
    expect(compileGlob(`${'{a,aa}'.repeat(30)}b`).test(`${'a'.repeat(45)}b`)).toBe(true);
  });

  it('a pattern over the length cap matches nothing', () => {
    const g = '*'.repeat(MAX_GLOB_LENGTH + 1);
    expect(compileGlob(g).test('anything')).toBe(false);
  });
});
