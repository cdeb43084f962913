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
