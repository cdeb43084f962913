// The shipped packs against real documents: the bundled samples (one weak and one strong vendor)
// and, when ../shared/corpus exists, published conformance statements and MDS2 forms. Every rule
// must evaluate without a CEL error on every real model, and the samples must read as intended.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/core/findings.js';
import type { ParsedDocument } from '../../server/src/documents/document.js';
import { parseDocument } from '../../server/src/documents/parse.js';
import { evaluateRule } from '../../server/src/rules/evaluate.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';
import { catalogRules, PACKS, repoRoot, subjectKinds } from './harness.js';

const rules = PACKS.flatMap((p) => catalogRules(p));

async function parse(file: string): Promise<ParsedDocument> {
  return parseDocument(file, new Uint8Array(readFileSync(file)));
}

function review(doc: ParsedDocument): Finding[] {
  const subject = { documents: [{ model: doc.model, path: doc.path }] };
  return rules.filter((r) => r.appliesTo === doc.model.kind).flatMap((r) => evaluateRule(r, subject));
}

function crossReview(form: ParsedDocument, cs: ParsedDocument): Finding[] {
  const subject = { documents: [{ model: form.model, path: form.path }, { model: cs.model, path: cs.path }] };
  // Only the rules between a form and a statement: a rule between the form and an SBOM or advisory is not handed this pair.
  const pairRules = rules.filter((r) => r.appliesTo === 'cross' && !r.missing && subjectKinds(r).join() === 'mds2,conformance-statement');
  return pairRules.flatMap((r) => evaluateRule(r, subject));
}

const ids = (findings: Finding[]) => new Set(findings.map((f) => f.ruleId));
const sample = (name: string) => path.join(repoRoot, 'samples', name);

describe('rule packs on the bundled samples', () => {
  it('flag the weak vendor (Northwind NW-Scope 200) on the core gaps', async () => {
    const cs = await parse(sample('northwind-imaging-nw-scope-200-conformance.md'));
    const form = await parse(sample('northwind-imaging-nw-scope-200-mds2.xlsx'));
    const csIds = ids(review(cs));
    for (const id of ['CS-TLS-001', 'CS-ASSOC-001', 'CS-CRED-001', 'CS-AUD-002']) expect(csIds.has(id), id).toBe(true);
    const formIds = ids(review(form));
    for (const id of ['MDS2-CONN-003', 'MDS2-TXCF-001', 'MDS2-PAUT-003', 'MDS2-RMOT-001', 'MDS2-MLDP-001', 'MDS2-SBOM-001']) expect(formIds.has(id), id).toBe(true);
    expect(ids(crossReview(form, cs)).has('X-PORTS-003')).toBe(true);
  });

  it('leave the strong vendor (Contoso Clarity PACS) without the core conformance-statement and MDS2 errors', async () => {
    const cs = await parse(sample('contoso-medical-clarity-pacs-conformance.md'));
    const form = await parse(sample('contoso-medical-clarity-pacs-mds2.xlsx'));
    const csIds = ids(review(cs));
    for (const id of ['CS-SEC-001', 'CS-SEC-002', 'CS-TLS-001', 'CS-TLS-002', 'CS-TLS-003', 'CS-TLS-004', 'CS-ASSOC-001', 'CS-CRED-001', 'CS-AUD-001', 'CS-UID-001']) {
      expect(csIds.has(id), id).toBe(false);
    }
    expect(review(form).filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual([]);
    const crossIds = ids(crossReview(form, cs));
    for (const id of ['X-TLS-001', 'X-AUDT-001', 'X-CRED-001', 'X-NAUT-001', 'X-PORTS-003']) expect(crossIds.has(id), id).toBe(false);
  });
});

describe('the supply-chain cross rules on the Contoso samples (form, SBOM, advisory)', () => {
  it('find the gaps scripts/samples/sbom.ts puts there, citing each document compared', async () => {
    const docs = await Promise.all(['contoso-medical-clarity-pacs-mds2.xlsx', 'contoso-medical-clarity-pacs-8.1.cdx.json', 'contoso-medical-cms-sa-2025-007.csaf.json'].map((n) => parse(sample(n))));
    const fired: Record<string, string[]> = {};
    // An SBOM accompanies the form, so missing: sbom rules have no subject here (engine/cross-subjects.ts).
    for (const rule of catalogRules('supply-chain').filter((r) => r.appliesTo === 'cross' && !r.missing)) {
      const subject = { documents: subjectKinds(rule).map((k) => docs.find((d) => d.model.kind === k)!).map((d) => ({ model: d.model, path: d.path })) };
      for (const f of evaluateRule(rule, subject)) {
        expect(new Set(f.evidence.map((e) => e.path)), rule.id).toEqual(new Set(subject.documents.map((d) => d.path)));
        fired[rule.id] = f.evidence.map((e) => `${path.basename(e.path!)} ${e.questionId ?? e.section}`);
      }
    }
    expect(fired).toEqual({
      // The SBOM's dcmtk has no version and zlib no supplier, though the form says versions and suppliers are given.
      'X-SBOM-003': ['contoso-medical-clarity-pacs-mds2.xlsx SBOM-2.3', 'contoso-medical-clarity-pacs-8.1.cdx.json /components/1'],
      'X-SBOM-004': ['contoso-medical-clarity-pacs-mds2.xlsx SBOM-2.2', 'contoso-medical-clarity-pacs-8.1.cdx.json /components/5'],
      // The form says the device contains an operating system; the SBOM lists none.
      'X-CSUP-001': ['contoso-medical-clarity-pacs-mds2.xlsx CSUP-2', 'contoso-medical-clarity-pacs-8.1.cdx.json /metadata/component/name'],
      // End of life of third-party components planned (RDMP-4), and the Java runtime's support ended in 2024.
      'X-RDMP-001': ['contoso-medical-clarity-pacs-mds2.xlsx RDMP-4', 'contoso-medical-clarity-pacs-8.1.cdx.json /components/2/properties/0/value'],
      // Release 8.1's bundled dcmtk is known affected by CVE-2099-10002 without a fix.
      'X-ADV-001': ['contoso-medical-clarity-pacs-mds2.xlsx DOC-3', 'contoso-medical-cms-sa-2025-007.csaf.json /vulnerabilities/1/product_status'],
      'X-ADV-003': ['contoso-medical-clarity-pacs-8.1.cdx.json /components/1', 'contoso-medical-cms-sa-2025-007.csaf.json /vulnerabilities/1/product_status'],
    });
  });
});

describeCorpus('rule packs on the shared corpus', () => {
  const files = ['cs', 'mds2'].flatMap((dir) =>
    readdirSync(corpusPath(dir))
      .map((f) => corpusPath(dir, f))
      .filter((f) => statSync(f).isFile() && !f.endsWith('MANIFEST.md')),
  );
  for (const file of files) {
    it(`evaluates every rule without error on ${path.basename(file)}`, async () => {
      let doc: ParsedDocument;
      try {
        doc = await parse(file);
      } catch {
        return; // unreadable documents are the readers' tests' business
      }
      const findings = review(doc);
      for (const f of findings) expect(f.evidence.length, f.ruleId).toBeGreaterThan(0);
    });
  }
});
