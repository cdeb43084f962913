// SBOM-1 on the real MDS2 forms of ../shared/corpus (see its MANIFEST.md): the answer the parser
// reads and whether MDS2-SBOM-001 (rules/nsa-mnp.yaml) fires must agree — a form that answers No
// gets the finding, with the answer as evidence where it is written; one that answers Yes does not.
// Skips cleanly without the corpus, as real-documents.test.ts does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../server/src/documents/document.js';
import { parseDocument } from '../../server/src/documents/parse.js';
import type { Mds2Form } from '../../server/src/documents/mds2/model.js';
import { evaluateRule } from '../../server/src/rules/evaluate.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';
import { catalogRules } from './harness.js';

const rule = catalogRules('nsa-mnp').find((r) => r.id === 'MDS2-SBOM-001')!;

/** What each named corpus form says at SBOM-1, and where (checked by hand against the source files). */
const EXPECTED: Record<string, { value: string; raw: string; at: { sheet?: string; cell?: string; line?: number } }> = {
  // NEMA's example worksheet (a fictional glucose monitor): sheet mds2-form, row 254.
  'NEMA_Example-MDS2-Worksheet_HN1-2019.xlsx': { value: 'no', raw: 'No', at: { sheet: 'mds2-form', cell: 'C254' } },
  // MediCapture MVR/MTR, the MDS2 part alone: "SBOM-1,Is the SBoM for this product available?: No".
  'MediCapture_MVR-MTR_MDS2_HN1-2019_transcription.txt': { value: 'no', raw: 'No', at: { line: 222 } },
  // The same vendor's whole cybersecurity.md, whose MDS2 part starts at line 95.
  'medicapture-mvr-mtr-ac86e23.md': { value: 'no', raw: 'No', at: { line: 316 } },
};

async function parse(file: string): Promise<ParsedDocument> {
  return parseDocument(file, new Uint8Array(readFileSync(file)));
}

function fires(form: Mds2Form, path: string) {
  return evaluateRule(rule, { documents: [{ model: form, path }] });
}

describe('MDS2-SBOM-001 is the rule this test reads', () => {
  it('matches an SBOM-1 answer of No', () => {
    expect(rule.answers).toEqual({ 'SBOM-1': 'no' });
  });
});

describeCorpus('SBOM-1 on the corpus MDS2 forms', () => {
  const forms = readdirSync(corpusPath('mds2'))
    .filter((f) => f !== 'MANIFEST.md' && statSync(corpusPath('mds2', f)).isFile())
    .sort();

  it('holds every form this test names', () => {
    expect(forms).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });

  for (const name of forms) {
    it(`${name}: the SBOM-1 answer and MDS2-SBOM-001 agree`, async () => {
      const file = corpusPath('mds2', name);
      const doc = await parse(file);
      expect(doc.model.kind, 'an MDS2 form').toBe('mds2');
      const form = doc.model as Mds2Form;
      const answer = form.answers['SBOM-1'];
      expect(answer, 'the form answers SBOM-1').toBeDefined();
      const findings = fires(form, file);
      expect(findings.length, `SBOM-1 answered ${answer!.value}`).toBe(answer!.value === 'no' ? 1 : 0);
      if (answer!.value === 'no') {
        expect(findings[0]!.evidence[0]).toMatchObject({ path: file, questionId: 'SBOM-1', answer: 'no', ...answer!.location });
      }
      const expected = EXPECTED[name];
      if (expected) {
        expect([answer!.value, answer!.raw]).toEqual([expected.value, expected.raw]);
        expect(answer!.location).toMatchObject(expected.at);
      }
    });
  }

  it('does not fire on a real form whose SBOM-1 answer is changed to Yes', async () => {
    // No corpus form answers Yes; the NEMA form with that one answer turned shows the other half.
    const file = corpusPath('mds2', 'NEMA_Example-MDS2-Worksheet_HN1-2019.xlsx');
    const form = (await parse(file)).model as Mds2Form;
    expect(fires(form, file)).toHaveLength(1);
    // A new model object: the engine keeps each model's rule variables once computed.
    const turned: Mds2Form = { ...form, answers: { ...form.answers, 'SBOM-1': { ...form.answers['SBOM-1']!, value: 'yes', raw: 'Yes' } } };
    expect(fires(turned, file)).toEqual([]);
  });
});
