// The scorecard's decisions, in process: which documents are one product, what each rule's status
// is (met only when it could have fired and did not), and which names are placeholders.
import { describe, expect, it } from 'vitest';
import type { ConformanceStatement } from '../../server/src/documents/conformance/model.js';
import type { Finding } from '../../server/src/core/findings.js';
import type { DocumentReview, ReviewReport } from '../../server/src/engine/report.js';
import { buildScorecard, meaningfulName } from '../../server/src/engine/scorecard.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import type { CatalogRule, RulePack } from '../../server/src/rules/rule.js';
import { textBar } from '../../server/src/presenters/report-md.js';
import { notAssessedText } from '../../server/src/presenters/report-text.js';
import type { ProductScore } from '../../server/src/engine/scorecard.js';
import { makeForm, makeRule } from '../helpers/models.js';
import { parseRfp } from '../../server/src/documents/rfp/parse.js';
import { readMarkdown } from '../../server/src/readers/markdown.js';

const rules: CatalogRule[] = [
  makeRule({ id: 'T-AUTH', answers: { 'AUTH-1': 'no' }, frameworks: { 'nsa-mnp': ['M5'], wg14: ['pacs-admin'] } }),
  makeRule({ id: 'T-PATCH', answers: { 'CSUP-1': 'no', 'CSUP-2': 'no' }, frameworks: { 'nsa-mnp': ['M6'] } }),
  makeRule({ id: 'T-TLS', appliesTo: 'conformance-statement', when: 'true', frameworks: { 'nsa-mnp': ['M3'], wg14: ['encryption'] } }),
  makeRule({ id: 'T-WEB', appliesTo: 'conformance-statement', when: 'true', frameworks: { 'nsa-mnp': ['M3'], wg14: ['exposure'] } }),
  makeRule({ id: 'T-CROSS', appliesTo: 'cross', when: 'true', frameworks: { 'nsa-mnp': ['M2'] } }),
];
const packs: RulePack[] = [
  { pack: 'nsa-mnp', title: 'NSA', file: 'x', rules: [], groups: [{ id: 'M2', title: 'Milestone 2: Map' }, { id: 'M3', title: 'Milestone 3: Protect' }, { id: 'M5', title: 'Milestone 5: Control' }, { id: 'M6', title: 'Milestone 6: Patch' }] },
];
const catalog: Catalog = { packs, rules, get: (id) => rules.find((r) => r.id === id) };

const statement = (extra: Partial<ConformanceStatement>): ConformanceStatement =>
  ({ kind: 'conformance-statement', product: 'Vista Archive', version: '2.0', manufacturer: 'Acme Imaging', date: '2024-01-10', dateIso: '2024-01-10', sections: [], evidence: {}, ...extra }) as unknown as ConformanceStatement;

const finding = (ruleId: string, path: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity: 'error',
  message: `message of ${ruleId}`,
  evidence: [{ path, section: 'Security', line: 3, quote: 'TLS is not supported.' }],
  frameworks: rules.find((r) => r.id === ruleId)!.frameworks,
  ...extra,
});

const doc = (path: string, model: DocumentReview['model'], extra: Partial<DocumentReview> = {}): DocumentReview => ({
  path,
  kind: model!.kind,
  status: 'reviewed',
  findings: [],
  waived: [],
  model,
  sha256: 'ab'.repeat(32),
  ...extra,
});

function report(documents: DocumentReview[], crossFindings: Finding[] = []): ReviewReport {
  return { version: 1, documents, crossFindings, summary: { documents: documents.length, reviewed: documents.length, unreadable: 0, findings: { error: 0, warning: 0, info: 0 }, waived: 0 } };
}

describe('scorecard: products', () => {
  const acmeForm = makeForm({ 'AUTH-1': 'yes', 'CSUP-1': 'yes', 'CSUP-2': 'unanswered' }, { manufacturer: 'Acme Imaging Inc.', model: 'Vista Archive 2.0', releaseDate: '2024-02-01' });
  const acme = [
    doc('/v/acme/mds2.xlsx', acmeForm),
    doc('/v/acme/cs.md', statement({}), { findings: [finding('T-TLS', '/v/acme/cs.md')] }),
    doc('/v/acme/cs.pdf', statement({}), { findings: [finding('T-TLS', '/v/acme/cs.pdf', { evidence: [{ path: '/v/acme/cs.pdf', section: 'Security', page: 2, line: 9, quote: 'TLS is not supported.' }] })], notApplicable: [{ ruleId: 'T-WEB', reason: 'no web server' }] }),
  ];
  const other = doc('/v/other/cs.md', statement({ manufacturer: 'Globex', product: 'Pulse Monitor', version: '7' }), { notApplicable: [{ ruleId: 'T-WEB', reason: 'no web server' }] });
  const card = buildScorecard(report([...acme, other]), catalog);

  it('groups a form and its statement in two formats into one product, and keeps another maker apart', () => {
    expect(card.products).toHaveLength(2);
    const [a, b] = card.products;
    expect(a!.documents.map((d) => d.path)).toEqual(['/v/acme/mds2.xlsx', '/v/acme/cs.md', '/v/acme/cs.pdf']);
    expect(a).toMatchObject({ manufacturer: 'Acme Imaging', product: 'Vista Archive', version: '2.0' });
    expect(a!.documents.map((d) => d.date)).toEqual(['2024-02-01', '2024-01-10', '2024-01-10']);
    expect(b).toMatchObject({ manufacturer: 'Globex', product: 'Pulse Monitor' });
  });

  it('counts a finding the two exports share once, naming both documents', () => {
    const a = card.products[0]!;
    expect(a.findings).toHaveLength(1);
    expect(a.findings[0]!.documents).toEqual(['/v/acme/cs.md', '/v/acme/cs.pdf']);
    expect(a.findings[0]!.rule?.remediation).toBe('fix');
  });

  it('scores each milestone: met, gap, unanswered (a blank is not a pass), not applicable only when every export says so', () => {
    const a = card.products[0]!;
    const row = (id: string) => a.milestones.find((m) => m.id === id);
    expect(row('M5')).toMatchObject({ met: 1, gap: 0, unanswered: 0, assessed: 1 });
    expect(row('M6')).toMatchObject({ met: 0, unanswered: 1, assessed: 1 });
    // T-TLS open, T-WEB: n/a in the PDF only, so it counts as met (the Markdown export says it applies).
    expect(row('M3')).toMatchObject({ gap: 1, met: 1, notApplicable: 0, assessed: 2, findings: { error: 1, warning: 0, info: 0 } });
    expect(row('M2')).toMatchObject({ met: 1, assessed: 1 }); // the pair is there: the cross rule is assessed
    expect(a.milestones.map((m) => m.id)).toEqual(['M2', 'M3', 'M5', 'M6']); // the pack's group order
    expect(a.milestones[1]!.title).toBe('Milestone 3: Protect');
    expect(a.unanswered.map((u) => u.questionId)).toEqual(['CSUP-2']);
    expect(a.verdict).toEqual({ level: 'gaps', line: 'Not ready to connect: 1 error and 0 warnings open, blocking M3 (1 question left unanswered).' });
  });

  it('a product with a statement only: MDS2 and cross rules are not assessed, never counted as met', () => {
    const b = card.products[1]!;
    expect(b.notAssessed).toEqual([
      { appliesTo: 'mds2', kinds: ['mds2'], rules: 2 },
      { appliesTo: 'cross', kinds: ['mds2', 'conformance-statement'], rules: 1 },
    ]);
    expect(b.milestones.map((m) => m.id)).toEqual(['M3']);
    expect(b.milestones[0]).toMatchObject({ met: 1, notApplicable: 1, assessed: 1 });
    expect(b.notApplicable).toEqual([{ ruleId: 'T-WEB', title: 'title of T-WEB', reason: 'no web server' }]);
    expect(b.verdict.level).toBe('clear');
    expect(card.verdict.line).toBe('2 products reviewed: 1 not ready to connect, 1 without open errors or warnings.');
  });

  it('a waived finding counts as waived, with its justification kept', () => {
    const waived = finding('T-TLS', '/v/w/cs.md', { waiver: { justification: 'TLS terminates at the site proxy.', expires: '2027-01-31' } });
    const w = buildScorecard(report([doc('/v/w/cs.md', statement({}), { waived: [waived] })]), catalog).products[0]!;
    expect(w.milestones.find((m) => m.id === 'M3')).toMatchObject({ waived: 1, gap: 0 });
    expect(w.waived[0]!.finding.waiver).toEqual({ justification: 'TLS terminates at the site proxy.', expires: '2027-01-31' });
  });

  it('an unreadable document makes the whole scorecard incomplete', () => {
    const broken: DocumentReview = { path: '/v/x.pdf', kind: 'unknown', status: 'unreadable', error: 'encrypted', findings: [], waived: [] };
    const c = buildScorecard(report([...acme, broken]), catalog);
    expect(c.unreadable).toEqual([broken]);
    expect(c.verdict.level).toBe('incomplete');
  });

  it('a cross finding is listed with every product whose documents it cites', () => {
    const form = makeForm({ 'AUTH-1': 'yes' }, { manufacturer: 'Someone', model: 'Q' });
    const cs = statement({ manufacturer: 'Another', product: 'Z' });
    const cross = finding('T-CROSS', '/p/form.xlsx', { evidence: [{ path: '/p/form.xlsx', questionId: 'AUTH-1' }, { path: '/p/cs.md', section: 'Security' }] });
    const c = buildScorecard(report([doc('/p/form.xlsx', form), doc('/p/cs.md', cs)], [cross]), catalog);
    expect(c.products).toHaveLength(2);
    for (const p of c.products) expect(p.findings.map((f) => f.finding.ruleId)).toEqual(['T-CROSS']);
  });

  it('a reviewed document that is no product disclosure is listed apart, not scored', () => {
    const rfp = { path: '/v/rfp.md', kind: 'rfp', status: 'reviewed', findings: [], waived: [], model: { kind: 'rfp' } } as unknown as DocumentReview;
    const c = buildScorecard(report([...acme, rfp]), catalog);
    expect(c.products).toHaveLength(1);
    expect(c.others.map((d) => d.path)).toEqual(['/v/rfp.md']);
  });
});

describe('scorecard: names', () => {
  it('drops what a form leaves in an empty name field', () => {
    for (const t of ['Device Model', '____', 'Hidden', '<Product Name>', 'Manufacturer Name', '  ', '--', 'N/A', 'TBD']) expect(meaningfulName(t), t).toBeUndefined();
    for (const t of ['Clarity PACS 8.1', 'Model X-200', 'Hidden Valley Imaging']) expect(meaningfulName(t), t).toBe(t);
  });

  it('a form with placeholder maker and model is named by its description', () => {
    const form = makeForm({}, { manufacturer: 'Hidden', model: 'Device Model', deviceDescription: 'Handheld Blood Glucose Monitor' });
    const p = buildScorecard(report([doc('/f.xlsx', form)]), catalog).products[0]!;
    expect(p.manufacturer).toBeUndefined();
    expect(p.product).toBe('Handheld Blood Glucose Monitor');
  });
});

describe('scorecard: what was not assessed, in words', () => {
  it('names the kinds a rule needs; a missing: rule counts with its anchor kind', () => {
    const p = {
      notAssessed: [
        { appliesTo: 'mds2', kinds: ['mds2'], rules: 2 },
        { appliesTo: 'cross', kinds: ['mds2', 'sbom'], rules: 3 },
        { appliesTo: 'cross', kinds: ['mds2'], rules: 1 },
        { appliesTo: 'advisory', kinds: ['advisory'], rules: 1 },
      ],
    } as ProductScore;
    expect(notAssessedText(p)).toBe('3 rules for an MDS2 form, 3 rules comparing an MDS2 form with an SBOM, 1 rule for an advisory');
  });
});

describe('scorecard: text bars', () => {
  it('are 20 characters, met first, open gaps last', () => {
    const row = { id: 'M1', title: 't', met: 3, gap: 1, waived: 0, unanswered: 0, notApplicable: 0, assessed: 4, findings: { error: 1, warning: 0, info: 0 } };
    expect(textBar(row)).toBe(`${'█'.repeat(15)}${'·'.repeat(5)}`);
    expect(textBar({ ...row, met: 1, waived: 1, unanswered: 1, gap: 0, assessed: 3 })).toHaveLength(20);
    expect(textBar({ ...row, assessed: 0 })).toBe('(none assessed)');
  });
});

describe('scorecard: the reviewer\'s own documents', () => {
  it('an RFP draft is no product, and its rules are never "not assessed" for a vendor product', () => {
    const draft = parseRfp(readMarkdown('# Request for Proposal: Archive\n\nProposals are due on 1 May 2027. Bidders shall include prices.\n'))!;
    const rfpRule = makeRule({ id: 'T-RFP', appliesTo: 'rfp', when: 'true', frameworks: { 'nsa-mnp': ['M2'] } });
    const withRfp: Catalog = { packs, rules: [...rules, rfpRule], get: (id) => [...rules, rfpRule].find((r) => r.id === id) };
    const card = buildScorecard(report([doc('/v/acme/cs.md', statement({})), doc('/h/rfp.md', draft, { findings: [finding('T-TLS', '/h/rfp.md')] })]), withRfp);
    expect(card.products.map((p) => p.documents.map((d) => d.path))).toEqual([['/v/acme/cs.md']]);
    expect(card.products[0]!.notAssessed.map((n) => n.appliesTo)).not.toContain('rfp');
  });
});
