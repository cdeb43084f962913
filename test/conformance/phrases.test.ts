// Phrase fixtures: sentences and small Markdown snippets written the ways vendors write them, each
// with the claims (feature, polarity, scope) a careful reviewer reads in it, the features it must not
// claim, and optionally fact values. Data lives in test/conformance/phrases/<group>.yaml.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readText } from '../../server/src/readers/text-formats.js';
import { parseConformance } from '../../server/src/documents/conformance/parse.js';
import { FEATURES, SCOPES } from '../../server/src/documents/conformance/features.js';
import type { Claim } from '../../server/src/documents/conformance/claims.js';

interface Expected {
  feature: string;
  polarity: string;
  scope?: string;
}
interface Phrase {
  text: string;
  /** Heading the snippet sits under (default 'Security'); null for none. */
  heading?: string | null;
  claims?: Expected[];
  absent?: string[];
  /** Dotted fact paths → expected values (cs.tls.supported → 'tls.supported'). */
  facts?: Record<string, unknown>;
  note?: string;
}

const DIR = join(import.meta.dirname, 'phrases');
const POLARITIES = ['supported', 'not-supported', 'optional', 'configurable', 'planned', 'unknown'];

// A statement head that claims nothing about security: identity and a SOP class table.
const HEAD = `# ACME Imager 3.2 DICOM Conformance Statement

| | |
|---|---|
| Product Name | ACME Imager |
| Manufacturer | ACME Medical |
| Version | 3.2 |

## SOP Classes

| SOP Class Name | SOP Class UID |
|---|---|
| Verification | 1.2.840.10008.1.1 |
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 |
`;
const HEAD_LINES = HEAD.split('\n').length;

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) cur = cur === null || cur === undefined ? undefined : (cur as Record<string, unknown>)[k];
  return cur;
}

export function readPhrase(p: Phrase) {
  const heading = p.heading === undefined ? 'Security' : p.heading;
  const body = (heading ? `## ${heading}\n\n` : '') + p.text.trimEnd() + '\n';
  const cs = parseConformance(readText(HEAD + '\n' + body, 'markdown'));
  if (!cs) throw new Error('not recognised as a statement');
  const claims = (cs.claims ?? []).filter((c) => (c.evidence.line ?? 0) > HEAD_LINES);
  return { cs, claims };
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
let total = 0;
for (const file of files) {
  const phrases = parseYaml(readFileSync(join(DIR, file), 'utf8')) as Phrase[];
  total += phrases.length;
  describe(`phrases/${file}`, () => {
    for (const p of phrases) {
      it(p.text.replace(/\s+/g, ' ').slice(0, 110), () => {
        for (const e of p.claims ?? []) {
          expect(FEATURES, `feature ${e.feature}`).toContain(e.feature);
          expect(POLARITIES, `polarity ${e.polarity}`).toContain(e.polarity);
          if (e.scope) expect(SCOPES).toContain(e.scope);
        }
        const { cs, claims } = readPhrase(p);
        const show = (cs2: Claim[]) => cs2.map((c) => `${c.feature}/${c.polarity}/${c.scope}${c.about ? '@' + c.about : ''}`).join(', ') || '(none)';
        for (const e of p.claims ?? []) {
          const hit = claims.some((c) => c.feature === e.feature && c.polarity === e.polarity && (!e.scope || c.scope === e.scope));
          expect(hit, `expected ${e.feature}/${e.polarity}${e.scope ? '/' + e.scope : ''}; got ${show(claims)}`).toBe(true);
          // No contrary reading of the same feature in the same scope (an inverted fact).
          const allowed = (p.claims ?? []).filter((x) => x.feature === e.feature && (!e.scope || !x.scope || x.scope === e.scope)).map((x) => x.polarity);
          const contrary = claims.filter((c) => c.feature === e.feature && (!e.scope || c.scope === e.scope) && !c.about && c.polarity !== 'unknown' && !allowed.includes(c.polarity));
          expect(contrary.length, `contrary reading of ${e.feature}: ${show(contrary)}`).toBe(0);
        }
        for (const f of p.absent ?? []) {
          expect(FEATURES, `feature ${f}`).toContain(f);
          const found = claims.filter((c) => c.feature === f && c.polarity !== 'unknown');
          expect(found.length, `${f} must not be claimed; got ${show(found)}`).toBe(0);
        }
        for (const [path, value] of Object.entries(p.facts ?? {})) {
          expect(get(cs, path), `fact ${path}`).toEqual(value);
        }
      });
    }
  });
}

describe('phrase fixtures', () => {
  it('hold at least 300 phrases over every fact group', () => {
    expect(total).toBeGreaterThanOrEqual(300);
    expect(files.length).toBeGreaterThanOrEqual(10);
  });
});
