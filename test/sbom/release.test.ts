// Releases as vendors write them, and version ranges as CSAF product trees give them (vers URIs
// and comparators): what the cross checks compare a form's release with.
import { describe, expect, it } from 'vitest';
import { isReleaseRange, releaseIn, releaseInRange, sameRelease } from '../../server/src/documents/release.js';

describe('releases', () => {
  it('finds the release a product name ends with', () => {
    expect(releaseIn('Clarity PACS 8.1')).toBe('8.1');
    expect(releaseIn('NW-Scope v2.0.3 (build 77)')).toBe('2.0.3');
    expect(releaseIn('Imagix 5.2 SP1')).toBe('5.2');
    expect(releaseIn('NW-Scope 200')).toBeNull();
    expect(releaseIn(null)).toBeNull();
  });

  it('takes 8.1, v8.1 and 8.1.0 for the same release, never an unknown one', () => {
    expect(sameRelease('8.1', 'v8.1.0')).toBe(true);
    expect(sameRelease('8.1', '8.10')).toBe(false);
    expect(sameRelease(null, null)).toBe(false);
  });

  it('reads vers ranges and comparators, and says when it cannot', () => {
    const cases: [string, string, boolean | null][] = [
      ['8.1', 'vers:generic/>=8.0|<8.2', true],
      ['8.2', 'vers:generic/>=8.0|<8.2', false],
      ['7.9', 'vers:generic/>=8.0|<8.2', false],
      ['8.1', '<=8.1', true],
      ['8.1.1', '<= 8.1', false],
      ['1.2.3', 'vers:npm/1.2.3|>=2.0.0|<5.0.0', true],
      ['3', 'vers:npm/1.2.3|>=2.0.0|<5.0.0', true],
      ['1.5', 'vers:npm/1.2.3|>=2.0.0|<5.0.0', false],
      ['9', '>=8.0', true],
      ['8.1', 'vers:generic/*', true],
      ['8.1', 'vers:generic/!=8.1|>=8.0', false],
      ['8.1', 'vers:generic/>=8.0 beta', null],
      ['8.1-rc2', '<9', null],
    ];
    for (const [release, range, expected] of cases) expect(releaseInRange(release, range), `${release} in ${range}`).toBe(expected);
    expect(isReleaseRange('vers:generic/<8.2')).toBe(true);
    expect(isReleaseRange('<= 8.1')).toBe(true);
    expect(isReleaseRange('8.1')).toBe(false);
  });
});
