// The fictional RFP draft of samples/ (scripts/samples/rfp.ts), as Markdown and as Word: exactly
// which requirements the rfp-requirements pack finds missing, and where each finding points.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RFP_SLUG, writeRfpSamples } from '../../scripts/samples/rfp.js';
import { parseDocument } from '../../server/src/documents/parse.js';
import type { RfpDraft } from '../../server/src/documents/rfp/model.js';
import { evaluateRule } from '../../server/src/rules/evaluate.js';
import { catalogRules } from '../rules/harness.js';

/** Rule id → the section and quote of its first evidence item, in either format. */
const EXPECTED: Record<string, { section: string; quote: string }> = {
  'RFP-VULN-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-PATCH-001': { section: '5 Security requirements', quote: 'The Offeror shall provide security patches for the archive and viewer.' },
  'RFP-EOS-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-3PP-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-DFD-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-CAUTH-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-AUDT-001': { section: '5 Security requirements', quote: 'The archive shall keep audit logs on its local disk for 90 days.' },
  'RFP-RMOT-001': { section: '5 Security requirements', quote: 'The Offeror shall provide remote support around the clock.' },
  'RFP-SAHD-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-DISP-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-BRCH-001': { section: '5 Security requirements', quote: '5 Security requirements' },
  'RFP-SBOM-001': { section: '5 Security requirements', quote: 'A software bill of materials (SBOM) is not required for this procurement.' },
};

describe('the sample RFP draft', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-rfp-'));
  const files = await writeRfpSamples(dir);
  const rules = catalogRules('rfp-requirements');

  it('is written as Markdown and Word', () => {
    expect(files.map((f) => path.basename(f))).toEqual([`${RFP_SLUG}.md`, `${RFP_SLUG}.docx`]);
  });

  for (const file of files) {
    describe(path.extname(file), async () => {
      const doc = await parseDocument(file, new Uint8Array(readFileSync(file)));
      const draft = doc.model as RfpDraft;

      it('is recognised as an RFP, with its title, issuer and security section', () => {
        expect(doc.kind).toBe('rfp');
        expect(draft.title).toBe('Request for Proposal FRH-2027-014: Enterprise Imaging Archive');
        expect(draft.issuer).toBe('Fabrikam Regional Hospital, Procurement Office (fictional)');
        expect(draft.securitySection?.title).toBe('Security requirements');
        expect(draft.signals).toEqual(['title', 'request-for-proposal', 'due-date', 'offeror-shall', 'scope-of-work', 'evaluation-criteria']);
      });

      it('covers the topics its requirements state, and no others', () => {
        expect(draft.covered).toEqual(['mds2', 'anti-malware', 'ports-protocols', 'tls', 'encryption-at-rest', 'unique-accounts', 'mfa', 'backup-restore']);
      });

      it('reads the list the security section introduces as requirements', () => {
        const mds2 = draft.requirements.find((r) => r.topics.includes('mds2'));
        expect(mds2).toMatchObject({ section: '5 Security requirements' });
        expect(mds2!.text).toMatch(/^a completed MDS2 form/);
      });

      it('gives exactly the expected findings, each where the gap is', () => {
        const findings = rules.flatMap((r) => evaluateRule(r, { documents: [{ model: draft, path: file }] }));
        expect(findings.map((f) => f.ruleId).sort()).toEqual(Object.keys(EXPECTED).sort());
        for (const f of findings) {
          const e = f.evidence[0]!;
          expect({ section: e.section, quote: e.quote }, f.ruleId).toEqual(EXPECTED[f.ruleId]);
          expect(e.path).toBe(file);
          expect(e.line).toBeGreaterThan(0);
        }
      });
    });
  }
});
