// dicomsec diff's model and presenters: a sample form against a copy written here with SheetJS
// (AUTH-1 Yes → No opens a gap, CSUP-2.4 No → Yes closes one, note 6 reworded), a statement
// against an edited copy, and SARIF baselineState valid against the SARIF 2.1.0 schema.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffRevisions, matchFindings, type RevisionDiff } from '../../server/src/engine/diff.js';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { catalogFor, reviewPaths } from '../../server/src/engine/review.js';
import type { Finding } from '../../server/src/core/findings.js';
import { DIFF_FORMATS } from '../../server/src/presenters/diff-formats.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import { repoRoot } from '../helpers/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-diff-'));
const oldForm = path.join(dir, 'clarity-mds2-r3.xlsx');
const newForm = path.join(dir, 'clarity-mds2-r4.xlsx');
const oldCs = path.join(dir, 'northwind-cs-4.2.md');
const newCs = path.join(dir, 'northwind-cs-4.3.md');
const config = { root: dir, none: true } as const;
const NEW_NOTE = 'Vulnerability reports: security@contoso-medical.example, handled per ISO/IEC 29147.';

let report: ReviewReport;
let catalog: Catalog;
let formDiff: RevisionDiff;
let csDiff: RevisionDiff;
const doc = (p: string) => report.documents.find((d) => d.path === p)!;

beforeAll(async () => {
  copyFileSync(path.join(repoRoot, 'samples', 'contoso-medical-clarity-pacs-mds2.xlsx'), oldForm);
  const wb = XLSX.read(readFileSync(oldForm));
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  expect([ws.C90?.v, ws.C107?.v]).toEqual(['Yes', 'No']); // the cells this test edits
  ws.C90 = { t: 's', v: 'No' };
  ws.C107 = { t: 's', v: 'Yes' };
  ws.B345 = { t: 's', v: NEW_NOTE };
  writeFileSync(newForm, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  const cs = readFileSync(path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-conformance.md'), 'utf8');
  writeFileSync(oldCs, cs);
  expect(cs).toContain('User Identity Negotiation is not supported.');
  writeFileSync(newCs, cs.replace('User Identity Negotiation is not supported.', 'User Identity Negotiation (username and passcode) is supported.'));
  report = await reviewPaths([oldForm, newForm, oldCs, newCs], { cwd: dir, config });
  catalog = catalogFor(newForm, { config, cwd: dir });
  formDiff = diffRevisions(doc(oldForm), doc(newForm));
  csDiff = diffRevisions(doc(oldCs), doc(newCs));
}, 60_000);

const brief = (f: Finding) => `${f.ruleId} ${f.evidence[0]!.questionId ?? f.evidence[0]!.section} ${f.baseline}`;

describe('diff: two revisions of a form', () => {
  it('lists the answers and the note that changed, old → new with both cells', () => {
    expect(formDiff.answers).toEqual({
      changed: [
        { id: 'AUTH-1', old: { text: 'Yes', evidence: { path: oldForm, questionId: 'AUTH-1', answer: 'yes', section: 'AUTH', sheet: 'mds2-form', cell: 'C90', quote: 'Yes' } }, new: { text: 'No', evidence: { path: newForm, questionId: 'AUTH-1', answer: 'no', section: 'AUTH', sheet: 'mds2-form', cell: 'C90', quote: 'No' } } },
        { id: 'CSUP-2.4', old: { text: 'No', evidence: { path: oldForm, questionId: 'CSUP-2.4', answer: 'no', section: 'CSUP', sheet: 'mds2-form', cell: 'C107', quote: 'No' } }, new: { text: 'Yes', evidence: { path: newForm, questionId: 'CSUP-2.4', answer: 'yes', section: 'CSUP', sheet: 'mds2-form', cell: 'C107', quote: 'Yes' } } },
      ],
      added: [],
      removed: [],
    });
    expect(formDiff.notes.changed).toEqual([
      {
        id: 'Note 6',
        old: { text: 'Vulnerability reports: psirt@contoso-medical.example, handled per ISO/IEC 29147 and 30111.', evidence: { path: oldForm, section: 'Note 6', sheet: 'mds2-form', cell: 'B345', quote: 'Vulnerability reports: psirt@contoso-medical.example, handled per ISO/IEC 29147 and 30111.' } },
        new: { text: NEW_NOTE, evidence: { path: newForm, section: 'Note 6', sheet: 'mds2-form', cell: 'B345', quote: NEW_NOTE } },
        questions: ['DOC-8'],
      },
    ]);
    expect(formDiff.notes.added.length + formDiff.notes.removed.length).toBe(0);
    expect(formDiff.notices).toEqual([]);
    expect(formDiff.facts.changed).toEqual([]);
  });

  it('opens the gaps of the new No, closes the gap of the old No, keeps the rest unchanged', () => {
    expect(formDiff.findings.opened.map(brief)).toEqual(['MDS2-AUTH-001 AUTH-1 new', 'MDS2-DOC-005 AUTH-1 new']);
    expect(formDiff.findings.closed.map(brief)).toEqual(['MDS2-CSUP-002 CSUP-2.4 absent']);
    expect(formDiff.findings.unchanged.map(brief)).toEqual(['MDS2-AUTH-003 AUTH-3 unchanged']);
    expect(formDiff.findings.updated).toEqual([]);
    expect(formDiff.findings.opened[0]!.evidence[0]).toMatchObject({ path: newForm, cell: 'C90', quote: 'No' });
    expect(formDiff.findings.closed[0]!.evidence[0]).toMatchObject({ path: oldForm, cell: 'C107', quote: 'No' });
  });

  it('stylish: exactly what changed', () => {
    expect(DIFF_FORMATS.stylish.present(formDiff, { catalog, report, cwd: dir })).toBe(`MDS2 form: Contoso Medical Systems (fictional) — Clarity PACS 8.1
  old  clarity-mds2-r3.xlsx
  new  clarity-mds2-r4.xlsx

Answers changed (2)
  AUTH-1    "Yes" → "No"  mds2-form!C90
  CSUP-2.4  "No" → "Yes"  mds2-form!C107

Notes changed (1)
  Note 6  "Vulnerability reports: psirt@contoso-medical.example, handl…" → "Vulnerability reports: security@contoso-medical.example, ha…" (DOC-8)  mds2-form!B345

Gaps opened (2)
  error    MDS2-AUTH-001  AUTH-1 mds2-form!C90  The device does not prevent unauthorised users from using it (no login or equivalent control). "No"
  warning  MDS2-DOC-005   AUTH-1 mds2-form!C90  AUTH-1 is answered No, yet AUTH-1.1, AUTH-1.2, which depend on it, are answered Yes. The form claims a sub-capability whose parent capability it denies. "No"

Gaps closed (1)
  info     MDS2-CSUP-002  CSUP-2.4 mds2-form!C107  Third-party operating-system updates may not be installed until the vendor approves them. "No"

✖ 2 gaps opened, 1 closed, 0 updated, 1 unchanged; 2 answers changed, 0 questions added, 0 removed, 1 note changed
`);
  });

  it('md and json carry the same changes, paths relative', () => {
    const md = DIFF_FORMATS.md.present(formDiff, { catalog, report, cwd: dir });
    expect(md).toContain('| **AUTH-1** | Yes <sub>mds2-form!C90</sub> | No <sub>mds2-form!C90</sub> |');
    expect(md).toContain('| error | `MDS2-AUTH-001` | AUTH-1 mds2-form!C90 |');
    expect(md).toContain('## Gaps closed (1)');
    const json = JSON.parse(DIFF_FORMATS.json.present(formDiff, { catalog, report, cwd: dir }));
    expect(json.old.path).toBe('clarity-mds2-r3.xlsx');
    expect(json.answers.changed[0].new.evidence.path).toBe('clarity-mds2-r4.xlsx');
    expect(json.findings.opened.map((f: Finding) => [f.ruleId, f.baseline, f.evidence[0]!.path])).toEqual([['MDS2-AUTH-001', 'new', 'clarity-mds2-r4.xlsx'], ['MDS2-DOC-005', 'new', 'clarity-mds2-r4.xlsx']]);
  });

  it('sarif: baselineState on every result, the closed gap absent at its old place, valid SARIF 2.1.0', () => {
    const log = JSON.parse(DIFF_FORMATS.sarif.present(formDiff, { catalog, report, cwd: dir }));
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0].results as { ruleId: string; baselineState: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results.map((r) => [r.ruleId, r.baselineState, r.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
      ['MDS2-AUTH-001', 'new', 'clarity-mds2-r4.xlsx'],
      ['MDS2-DOC-005', 'new', 'clarity-mds2-r4.xlsx'],
      ['MDS2-AUTH-003', 'unchanged', 'clarity-mds2-r4.xlsx'],
      ['MDS2-CSUP-002', 'absent', 'clarity-mds2-r3.xlsx'],
    ]);
  });
});

describe('diff: two revisions of a statement', () => {
  it('sets the facts that changed old → new, each with the sentence that shows it', () => {
    const changed = Object.fromEntries(csDiff.facts.changed.map((c) => [c.id, c]));
    expect(changed['userIdentity.supported']).toMatchObject({
      old: { text: 'no', evidence: { path: oldCs, quote: expect.stringContaining('User Identity Negotiation is not supported.') } },
      new: { text: 'yes', evidence: { path: newCs, quote: expect.stringContaining('User Identity Negotiation (username and passcode) is supported.') } },
    });
    expect(Object.keys(changed)).not.toContain('tls.supported');
    expect(csDiff.answers).toEqual({ changed: [], added: [], removed: [] });
    expect(csDiff.notices).toEqual([]);
  });

  it('two kinds are a usage error; two products a notice', () => {
    expect(() => diffRevisions(doc(oldForm), doc(newCs))).toThrow('diff compares two revisions of one document kind: old is an MDS2 form, new is a conformance statement');
    expect(diffRevisions(doc(oldCs), { ...doc(newCs), model: { ...(doc(newCs).model as object), manufacturer: 'Globex Corp', product: 'Sonar Station' } as never }).notices).toEqual([
      'the revisions look like different products: old "Northwind Imaging Ltd. (fictional) — NW-Scope 200 ultrasound review workstation 4.2", new "Globex Corp — Sonar Station 4.2"',
    ]);
  });
});

describe('diff: matching findings', () => {
  const f = (ruleId: string, questionId: string, quote: string, message = 'm'): Finding => ({ ruleId, severity: 'warning', message, frameworks: {}, evidence: [{ questionId, quote, cell: 'C1' }] });

  it('matches on rule + question, not the cell; a second finding of one rule on one anchor is its own', () => {
    const moved = { ...f('R1', 'AUTH-1', 'No'), evidence: [{ questionId: 'AUTH-1', quote: 'No', cell: 'C99' }] };
    const m = matchFindings([f('R1', 'AUTH-1', 'No'), f('R2', 'CONN-1', 'Yes')], [moved, f('R2', 'CONN-1', 'Yes, over VPN'), f('R2', 'CONN-1', 'Yes')]);
    expect(m.unchanged.map((x) => x.evidence[0]!.cell)).toEqual(['C99']);
    expect(m.updated.map((p) => [p.old.evidence[0]!.quote, p.new.evidence[0]!.quote, p.new.baseline])).toEqual([['Yes', 'Yes, over VPN', 'updated']]);
    expect(m.opened.map((x) => [x.ruleId, x.baseline])).toEqual([['R2', 'new']]);
    expect(m.closed).toEqual([]);
  });
});
