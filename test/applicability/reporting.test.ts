// Not-applicable rules and pairing notices in every output: listed with their reasons, never as
// findings, never counted towards --fail-on. MDS2 mitigations contradicted by other answers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { isUnpairedNotice, type ReviewReport } from '../../server/src/engine/report.js';
import { summarize } from '../../server/src/engine/summary.js';
import { formatReport } from '../../server/src/presenters/index.js';
import { fullCatalog } from '../../server/src/rules/catalog.js';
import { mds2NetworkExposure } from '../../server/src/documents/mds2/exposure.js';
import { ruleApplicability } from '../../server/src/rules/applicability.js';
import { evaluateRule } from '../../server/src/rules/evaluate.js';
import { makeForm } from '../helpers/models.js';
import { repoRoot } from '../helpers/corpus.js';

const catalog = fullCatalog();
const viewer = path.join(repoRoot, 'vendors', 'lumen', 'viewer-cs.md');
const form = path.join(repoRoot, 'vendors', 'lumen', 'mds2.xlsx');
const REASON = 'the rule presupposes DICOM network services (DIMSE); the statement says the product offers no network service: "The viewer does not support any network services."';

function report(): ReviewReport {
  const documents: ReviewReport['documents'] = [
    { path: viewer, kind: 'conformance-statement', status: 'reviewed', findings: [], waived: [], notApplicable: [{ ruleId: 'CS-TLS-001', reason: REASON }, { ruleId: 'CS-UID-001', reason: REASON }] },
    { path: form, kind: 'mds2', status: 'reviewed', findings: [], waived: [] },
  ];
  const notices = [{ kind: 'unpaired' as const, documents: [form, viewer] as [string, string], mds2: form, conformance: viewer, message: 'not checked against each other: the manufacturers differ (form "Zeta", statement "Lumen"). Pair them in .dicomsec.yaml (pairs:) if they describe the same product.' }];
  return { version: 1, documents, crossFindings: [], notices, summary: summarize(documents, []) };
}

describe('not applicable and notices in the outputs', () => {
  it('JSON lists them per document and per run, and counts no finding', () => {
    const json = JSON.parse(formatReport('json', report(), { catalog, cwd: repoRoot }));
    expect(json.documents[0].notApplicable).toEqual([{ ruleId: 'CS-TLS-001', reason: REASON }, { ruleId: 'CS-UID-001', reason: REASON }]);
    expect(json.documents[0].findings).toEqual([]);
    expect(json.notices[0]).toMatchObject({ kind: 'unpaired', message: expect.stringMatching(/manufacturers differ/) });
    expect(json.summary.findings).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('SARIF carries them as notifications, never as results, and stays schema-valid', () => {
    const log = JSON.parse(formatReport('sarif', report(), { catalog, cwd: repoRoot }));
    const run = log.runs[0];
    expect(run.results).toEqual([]);
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes.map((n: { associatedRule?: { id: string } }) => n.associatedRule?.id)).toEqual(['CS-TLS-001', 'CS-UID-001', undefined]);
    expect(notes[0].level).toBe('note');
    expect(notes[2].descriptor.id).toBe('DICOMSEC-UNPAIRED');
    expect(run.tool.driver.notifications.map((d: { id: string }) => d.id)).toEqual(['DICOMSEC-NOT-APPLICABLE', 'DICOMSEC-UNPAIRED']);
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('stylish prints an n/a list with the reason and a "Not paired" notice', () => {
    const out = formatReport('stylish', report(), { catalog, cwd: repoRoot });
    expect(out).toMatch(/n\/a: 2 rules not applicable/);
    expect(out).toMatch(/CS-TLS-001, CS-UID-001: the rule presupposes DICOM network services/);
    expect(out).toMatch(/Not paired[\s\S]*mds2\.xlsx and vendors\/lumen\/viewer-cs\.md not checked against each other: the manufacturers differ/);
    expect(out).toMatch(/0 findings/);
  });

  it('JUnit reports them as skipped test cases and HTML as a separate list', () => {
    const xml = formatReport('junit', report(), { catalog, cwd: repoRoot });
    expect(xml).toMatch(/skipped="2"/);
    expect(xml).toMatch(/<testcase [^>]*name="CS-TLS-001 not applicable">\s*<skipped message="the rule presupposes/);
    const html = formatReport('html', report(), { catalog, cwd: repoRoot });
    expect(html).toMatch(/Not applicable \(2\)/);
  });
});

describe('MDS2: a mitigation contradicted by other answers does not suppress the gap', () => {
  const rule = (id: string) => catalog.get(id)!;
  const subject = (f: ReturnType<typeof makeForm>) => ({ documents: [{ model: f, path: '/v/mds2.xlsx' }] });

  it('"only over a dedicated cable" on a device that moves personal data over a wired network: TXCF-001 fires and MDS2-DOC-007 flags the claim', () => {
    const f = makeForm({ 'TXCF-1': 'yes', 'TXCF-2': 'no', 'MPII-3.5': 'yes', 'CONN-3': 'yes' });
    expect(evaluateRule(rule('MDS2-TXCF-001'), subject(f)).map((x) => x.evidence[0]!.questionId)).toEqual(['TXCF-2']);
    const flagged = evaluateRule(rule('MDS2-DOC-007'), subject(f));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.evidence.map((e) => e.questionId)).toEqual(['TXCF-1', 'MPII-3.5']);
    expect(flagged[0]!.message).toMatch(/TXCF-1 claims personal data travels only over a point-to-point dedicated cable, yet MPII-3\.5/);
  });

  it('the cable excuses the gap when nothing says personal data crosses a network', () => {
    const f = makeForm({ 'TXCF-1': 'yes', 'TXCF-2': 'no', 'MPII-3.5': 'no', 'CONN-3': 'yes' });
    expect(evaluateRule(rule('MDS2-TXCF-001'), subject(f))).toEqual([]);
    expect(evaluateRule(rule('MDS2-DOC-007'), subject(f))).toEqual([]);
  });

  it('a note that says "not networked" on a device with remote service is flagged, quoting the note', () => {
    const f = makeForm({ 'DOC-6': { value: 'text', raw: 'Stand-alone ultrasound cart', note: 'The system is not networked; images leave on USB sticks.' }, 'RMOT-1': 'yes' });
    const flagged = evaluateRule(rule('MDS2-DOC-007'), subject(f));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.evidence[0]!.questionId).toBe('DOC-6');
    expect(flagged[0]!.message).toMatch(/RMOT-1 \(allows remote service connections\)/);
  });

  it('a form that says the device is not networked makes network rules not applicable, with the reason', () => {
    const f = makeForm({ 'CONN-1': 'no', 'CONN-3': 'no', 'CONN-4': 'no', 'NAUT-1': 'no' });
    expect(mds2NetworkExposure(f).notNetworked).toMatch(/CONN-1: No/);
    const verdict = ruleApplicability(rule('MDS2-NAUT-001'), subject(f));
    expect(verdict).toMatchObject({ applicable: false });
    expect(!verdict.applicable && verdict.reason).toMatch(/no connectivity of any kind/);
    // A single Yes that says otherwise keeps every network rule in force.
    expect(ruleApplicability(rule('MDS2-NAUT-001'), subject(makeForm({ 'CONN-1': 'no', 'CONN-3': 'yes', 'NAUT-1': 'no' }))).applicable).toBe(true);
  });
});

describe('a folder reviewed end to end', () => {
  it('reports cross rules that do not apply to a pair, and explains an unpaired form and statement', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const os = await import('node:os');
    const { reviewPaths } = await import('../../server/src/engine/review.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-applicability-'));
    const sendOnly = `# Quill Capture DICOM Conformance Statement\n\nManufacturer: Quill Medical Ltd.\n\nVersion: 3.0\n\n## 1 Networking\n\nQuill Capture only initiates associations; it does not accept association requests.\n\n| SOP Class Name | SOP Class UID | SCU | SCP |\n|---|---|---|---|\n| Secondary Capture Image Storage | 1.2.840.10008.5.1.4.1.1.7 | Yes | No |\n\n## 2 Security\n\nQuill Capture accepts any calling AE title. TLS is not supported.\n`;
    const { HN2019_QUESTION_IDS } = await import('../../server/src/documents/mds2/questions.js');
    const text: Record<string, string> = { 'DOC-1': 'Quill Medical Ltd.', 'DOC-2': 'Quill Capture secondary capture station', 'DOC-3': 'Quill Capture 3.0' };
    // Every question answered Yes (a form that claims peer restriction: NAUT-1, TXCF-3).
    const rows = ['Question ID,Question,Answer,See note', ...HN2019_QUESTION_IDS.map((id) => `${id},question ${id},${text[id] ?? 'Yes'},`)];
    mkdirSync(path.join(dir, 'quill'));
    writeFileSync(path.join(dir, 'quill', 'cs.md'), sendOnly);
    writeFileSync(path.join(dir, 'quill', 'mds2.csv'), `Manufacturer Disclosure Statement for Medical Device Security -- MDS2\n${rows.join('\n')}\n`);
    mkdirSync(path.join(dir, 'other'));
    writeFileSync(path.join(dir, 'other', 'cs.md'), sendOnly.replace(/Quill Capture/g, 'Oak Router').replace('Quill Medical Ltd.', 'Oak Systems Inc.'));
    // A form of another manufacturer for a product of the same name: not the same product.
    const otherRows = rows.map((r) => r.replace('Quill Medical Ltd.', 'Zeta Health').replace(/Quill Capture/g, 'Oak Router'));
    writeFileSync(path.join(dir, 'other', 'mds2.csv'), `Manufacturer Disclosure Statement for Medical Device Security -- MDS2\n${otherRows.join('\n')}\n`);
    const report = await reviewPaths([dir], { cwd: dir });
    const quill = report.documents.find((d) => d.path.endsWith(path.join('quill', 'cs.md')))!;
    expect(quill.status).toBe('reviewed');
    expect((quill.notApplicable ?? []).map((n) => n.ruleId)).toContain('CS-ASSOC-001');
    expect(quill.findings.map((f) => f.ruleId)).not.toContain('CS-ASSOC-001');
    expect(quill.findings.map((f) => f.ruleId)).toContain('CS-TLS-001');
    const crossNa = report.crossNotApplicable ?? [];
    expect(crossNa.filter((n) => n.ruleId === 'X-NAUT-001').map((n) => path.basename(path.dirname(n.conformance!)))).toEqual(['quill']);
    expect(report.crossFindings.map((f) => f.ruleId)).not.toContain('X-NAUT-001');
    const notice = (report.notices ?? []).filter(isUnpairedNotice).find((n) => n.documents[1].endsWith(path.join('other', 'cs.md')));
    expect(notice?.message).toMatch(/manufacturers differ \(form "Zeta Health", statement "Oak Systems Inc"\)/);
  });
});
