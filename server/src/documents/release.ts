// Release numbers as vendors write them in product names ("Clarity PACS 8.1", "NW-Scope v2.0.3",
// "Imagix 5.2 SP1"): pairing and the cross checks compare a form's release with an SBOM's or an
// advisory's product versions.

/** A dotted release number (8.1, 2.0.3, 11.2.0.4) with an optional letter or suffix, as a whole word. */
const RELEASE = /(?:^|[\s(,;:/])v?(\d+(?:\.\d+)+(?:[-.]?[a-z][a-z0-9]*)?)(?=$|[\s),;:/])/gi;

/** The last release number a name gives ("Imagix PACS 5.2" → "5.2"), or null. */
export function releaseIn(text: string | null | undefined): string | null {
  if (!text) return null;
  let last: string | null = null;
  for (const m of text.matchAll(RELEASE)) last = m[1]!;
  return last;
}

/** A release as compared: lower case, without a leading v, trailing ".0" parts dropped (8.1.0 = 8.1). */
export function normaliseRelease(release: string | null | undefined): string | null {
  const r = (release ?? '').trim().toLowerCase().replace(/^v(?=\d)/, '');
  if (!r) return null;
  return r.replace(/(?:\.0)+$/, '') || r;
}

/** Whether two releases are the same one (8.1 = v8.1.0); unknown on either side is never the same. */
export function sameRelease(a: string | null | undefined, b: string | null | undefined): boolean {
  const [x, y] = [normaliseRelease(a), normaliseRelease(b)];
  return x !== null && x === y;
}

/** Numeric parts of a release (8.1.2 → [8, 1, 2]), or null when it is not a dotted number. */
function parts(release: string): number[] | null {
  const r = normaliseRelease(release);
  if (!r || !/^\d+(?:\.\d+)*$/.test(r)) return null;
  return r.split('.').map(Number);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** Whether a text is a version range rather than one release: a vers URI (`vers:generic/>=8.0|<8.2`) or comparators. */
export function isReleaseRange(text: string | null | undefined): boolean {
  return !!text && (/^vers:/i.test(text.trim()) || /[<>*]|\bto\b|\s-\s/.test(text));
}

/**
 * Whether a release lies in a range written as a vers URI (`vers:generic/>=8.0|<8.2`, PURL spec) or
 * as comparators (`>=8.0 <8.2`, `<= 8.1`): true, false, or null when the range or the release
 * cannot be read, so that nobody concludes a release is left out of an advisory it may be in.
 * Equalities match on their own; comparators, in ascending order, pair into intervals (a lower
 * bound with the upper bound after it; a bound without its pair is open on that side).
 */
export function releaseInRange(release: string | null | undefined, range: string | null | undefined): boolean | null {
  const r = release ? parts(release) : null;
  if (!r || !range) return null;
  const body = range.trim().replace(/^vers:[a-z0-9.+-]+\//i, '');
  if (body === '*') return true;
  const constraints: { op: string; bound: number[] }[] = [];
  for (const c of body.split(/\||\s*,\s*|\s+(?=[<>=!])/).map((x) => x.trim()).filter(Boolean)) {
    const m = /^(<=|>=|<|>|=|!=)?\s*v?([\d.]+)$/.exec(c);
    const bound = m ? parts(m[2]!) : null;
    if (!m || !bound) return null;
    constraints.push({ op: m[1] ?? '=', bound });
  }
  if (!constraints.length) return null;
  if (constraints.some((c) => c.op === '!=' && compare(r, c.bound) === 0)) return false;
  if (constraints.some((c) => c.op === '=' && compare(r, c.bound) === 0)) return true;
  const holds = (c: { op: string; bound: number[] }) => {
    const d = compare(r, c.bound);
    return c.op === '<' ? d < 0 : c.op === '<=' ? d <= 0 : c.op === '>' ? d > 0 : d >= 0;
  };
  const comparators = constraints.filter((c) => c.op !== '=' && c.op !== '!=').sort((a, b) => compare(a.bound, b.bound));
  for (let i = 0; i < comparators.length; i++) {
    const c = comparators[i]!;
    if (c.op.startsWith('>')) {
      const upper = comparators[i + 1]?.op.startsWith('<') ? comparators[++i] : undefined;
      if (holds(c) && (!upper || holds(upper))) return true;
    } else if (holds(c)) return true;
  }
  return false;
}
