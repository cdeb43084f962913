// The document-kind registry is the one list of kinds: rule packs, CEL variables, the review
// view and reports derive from it, so each entry must be complete and the schema must agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, KIND_IDS, kindEntry, kindOf, type DocumentModel } from '../../server/src/documents/kinds.js';
import { validateRulePackText } from '../../server/src/rules/pack.js';
import { celContext } from '../../server/src/rules/context.js';
import { evaluateRule } from '../../server/src/rules/evaluate.js';
import { buildReviewView } from '../../server/src/presenters/review-view.js';
import { formatReport } from '../../server/src/presenters/index.js';
import { buildForm, buildStatement } from '../rules/harness.js';
import { parseRfp } from '../../server/src/documents/rfp/parse.js';
import { readMarkdown } from '../../server/src/readers/markdown.js';
import { makeRule } from '../helpers/models.js';
import { advisoryFrom, sbomFrom } from '../helpers/json-docs.js';
import { repoRoot } from '../helpers/paths.js';
import type { Catalog } from '../../server/src/rules/catalog.js';

const samples: Record<string, DocumentModel> = {
  mds2: buildForm({ answers: { 'AUTH-1': 'no' }, header: { manufacturer: 'Acme', model: 'Scope 9' } }),
  'conformance-statement': buildStatement({ manufacturer: 'Acme', product: 'Scope PACS', version: '4.2' }),
  questionnaire: {
    kind: 'questionnaire',
    layout: '1',
    tool: 'dicomsec',
    toolVersion: '0.1.0',
    generated: '2026-01-05T10:00:00.000Z',
    packs: [],
    documents: [{ name: 'mds2.xlsx', sha256: 'a'.repeat(64), kind: 'mds2', product: 'Acme, Scope 9', location: { sheet: 'About', cell: 'C11' } }],
    rows: [{ row: 4, product: 'Acme, Scope 9', documents: ['mds2.xlsx'], place: 'AUTH-1', ruleId: 'MDS2-AUTH-001', severity: 'warning', question: 'q', vendorSaid: 'No', answer: { sheet: 'Questions', cell: 'J4', text: 'Planned for 5.0' }, location: { sheet: 'Questions', cell: 'H4' } }],
    aboutSheet: 'About',
    questionsSheet: 'Questions',
    headerRow: 3,
  },
  rfp: parseRfp(readMarkdown('# Request for Proposal: Acme Hospital archive\n\nProposals are due on 1 May 2027. Bidders shall include prices.\n'))!,
  sbom: sbomFrom({ bomFormat: 'CycloneDX', specVersion: '1.5', metadata: { component: { type: 'application', name: 'Scope PACS', version: '4.2' }, manufacture: { name: 'Acme' } }, components: [{ type: 'library', name: 'zlib' }] }),
  advisory: advisoryFrom({
    document: { category: 'csaf_security_advisory', csaf_version: '2.0', title: 'Scope PACS advisory', publisher: { category: 'vendor', name: 'Acme', namespace: 'https://acme.example' }, tracking: { id: 'ACME-1' } },
    product_tree: { branches: [{ category: 'vendor', name: 'Acme', branches: [{ category: 'product_name', name: 'Scope PACS', product: { product_id: 'P1', name: 'Acme Scope PACS' } }] }] },
    vulnerabilities: [{ cve: 'CVE-2099-0001', product_status: { known_affected: ['P1'] } }],
  }),
};

const packRule = (appliesTo: string, condition: string) =>
  `pack: test\ntitle: Test\nrules:\n  - id: TEST-ONE-001\n    title: t\n    severity: warning\n    appliesTo: ${appliesTo}\n    frameworks: { nist-800-53: [SC-8] }\n    message: m\n    rationale: r\n    remediation: f\n    question: q\n    rfpClause: c\n    ${condition}\n`;

describe('document kinds registry (documents/kinds.ts)', () => {
  it('has a sample model for every kind, so every entry below is exercised', () => {
    expect(Object.keys(samples).sort()).toEqual([...KIND_IDS].sort());
  });

  it("the rule-pack schema's appliesTo lists exactly the registered kinds and cross", () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'rules', 'schema', 'rule-pack.schema.json'), 'utf8'));
    const json = JSON.stringify(schema);
    const enumOf = /"appliesTo":\{"enum":(\[[^\]]*\])/.exec(json.replace(/\s/g, ''));
    expect(enumOf, 'appliesTo enum in rule-pack.schema.json').not.toBeNull();
    expect(JSON.parse(enumOf![1]!).sort()).toEqual([...KIND_IDS, 'cross'].sort());
  });

  for (const kind of KINDS.map((k) => kindEntry(k.id)!)) {
    describe(kind.id, () => {
      const model = samples[kind.id]!;

      it('gives rules exactly the CEL variables it declares', () => {
        const ctx = celContext({ documents: [{ model, path: '/v/doc' }] });
        expect(Object.keys(ctx).filter((k) => k !== 'now').sort()).toEqual([...kind.celVariables].sort());
      });

      it('names the document in reports and questionnaires', () => {
        expect(kindOf(model).title(model).join(' ')).toContain('Acme');
        const report = { version: 1 as const, documents: [{ path: '/v/doc', kind: kind.id, status: 'reviewed' as const, findings: [makeFinding()], waived: [], model }], crossFindings: [], summary: { documents: 1, reviewed: 1, unreadable: 0, findings: { error: 0, warning: 1, info: 0 }, waived: 0 } };
        const catalog = { rules: [], get: () => makeRule({ id: 'T-ONE-001', question: 'Why?' }) } as unknown as Catalog;
        const md = formatReport('questionnaire', report, { catalog });
        // The reviewer's own documents (an RFP draft, a questionnaire read back) ask the vendor nothing.
        if (kind.reviewerOwned) expect(md).not.toContain('## ');
        else expect(md).toMatch(/^## .*Acme/m);
      });

      it('points a finding that cites nothing at the fallback place, in the document', () => {
        const [f] = evaluateRule(makeRule({ id: 'T-ALWAYS-001', appliesTo: kind.id, when: 'true' }), { documents: [{ model, path: '/v/doc' }] });
        expect(f!.evidence).toEqual([kind.fallbackEvidence(model, '/v/doc')]);
        expect(f!.evidence[0]!.path).toBe('/v/doc');
      });

      it('a rule whose condition fails at run time points at the document start', () => {
        const [f] = evaluateRule(makeRule({ id: 'T-BROKEN-001', appliesTo: kind.id, when: 'no_such_variable.x == 1' }), { documents: [{ model, path: '/v/doc' }] });
        expect(f!.severity).toBe('error');
        expect(f!.evidence).toEqual([kind.startEvidence(model, '/v/doc')]);
      });

      it('its review view names the kind in the header', () => {
        const source = { kind: 'text' as const, format: 'markdown' as const, lines: [{ text: '# Security', line: 1, heading: 1 }] };
        const view = buildReviewView({ path: '/v/doc', kind: kind.id, status: 'reviewed', model, source });
        expect(view.text.split('\n')[0]).toContain(kind.view.title(model));
      });

      it(`a pack rule with appliesTo ${kind.id} is ${kind.citation === 'question' ? 'allowed' : 'refused'} MDS2 answers`, () => {
        const { problems } = validateRulePackText(packRule(kind.id, 'answers: { CONN-7: no }'), 'x.yaml');
        if (kind.citation === 'question') expect(problems).toEqual([]);
        else expect(problems.map((p) => p.message).join('\n')).toMatch(/answers and built-in checks need appliesTo mds2 or cross/);
      });
    });
  }

  it('cites questions from the form and facts from the statement of a cross pair', () => {
    const form = samples['mds2']!;
    const cs = buildStatement({ tls: { supported: false }, evidence: { 'tls.supported': [{ section: 'Security', line: 40, quote: 'TLS is not supported.' }] } });
    const rule = makeRule({ id: 'T-CROSS-001', appliesTo: 'cross', when: 'true', evidence: [{ question: 'AUTH-1' }, { fact: 'tls.supported' }] });
    const [f] = evaluateRule(rule, { documents: [{ model: form, path: '/v/mds2.xlsx' }, { model: cs, path: '/v/cs.pdf' }] });
    expect(f!.evidence.map((e) => [e.path, e.questionId ?? e.quote])).toEqual([
      ['/v/mds2.xlsx', 'AUTH-1'],
      ['/v/cs.pdf', 'TLS is not supported.'],
    ]);
  });
});

function makeFinding() {
  return { ruleId: 'T-ONE-001', severity: 'warning' as const, message: 'm', evidence: [{ section: 'DOC' }], frameworks: {} };
}
