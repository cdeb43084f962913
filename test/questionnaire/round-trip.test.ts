// The questionnaire both ways: written from a review of the samples, filled in (vendor answers,
// reviewer decisions) with SheetJS as Excel would, then reviewed again with it. Answers become
// evidence of the findings they answer; decisions become waivers only when the reviewer lists the
// questionnaire, never because a file in the reviewed folder says "accept".
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/core/findings.js';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { reviewPaths } from '../../server/src/engine/review.js';
import { catalogFor } from '../../server/src/engine/settings.js';
import { formatReport } from '../../server/src/presenters/index.js';
import { QUESTIONNAIRE_RULES } from '../../server/src/engine/questionnaires.js';
import { repoRoot } from '../helpers/paths.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-questionnaire-'));
const vendor = path.join(root, 'vendor');
const none = { root, none: true } as const;

type Fill = { answer?: string; decision?: string; justification?: string; expires?: string };

/** The questionnaire written from the vendor folder, with cells filled in per rule id (first row of that rule). */
function filled(bytes: Uint8Array, fills: Record<string, Fill>): Uint8Array {
  const wb = XLSX.read(bytes, { type: 'array' });
  const ws = wb.Sheets['Questions']!;
  const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, defval: '' });
  const done = new Set<string>();
  for (let r = 3; r < rows.length; r++) {
    const rule = rows[r]![7]!;
    const fill = fills[rule];
    if (!fill || done.has(rule)) continue;
    done.add(rule);
    const put = (col: string, v?: string) => v !== undefined && (ws[`${col}${r + 1}`] = { t: 's', v });
    put('J', fill.answer);
    put('K', fill.decision);
    put('L', fill.justification);
    put('M', fill.expires);
  }
  expect([...done].sort()).toEqual(Object.keys(fills).sort());
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

const all = (r: ReviewReport) => r.documents.flatMap((d) => d.findings);
const waivedAll = (r: ReviewReport) => r.documents.flatMap((d) => d.waived);
const byName = (r: ReviewReport, name: string) => r.documents.find((d) => path.basename(d.path) === name)!;
const has = (fs: Finding[], rule: string) => fs.filter((f) => f.ruleId === rule);

let blank: Uint8Array;
let firstCross: string;
const FILLS: Record<string, Fill> = {
  'CS-TLS-001': { answer: 'TLS 1.2 arrives in release 4.3 (Q3).', decision: 'Accept', justification: 'Isolated imaging VLAN until 4.3 (risk R-7).', expires: '2099-12-31' },
  'MDS2-NAUT-001': { answer: 'Planned for a later release.', decision: 'follow-up', justification: 'Ask for a date and a design.' },
  'CS-UID-001': { decision: 'accept' },
  'CS-TIME-001': { decision: 'approve', justification: 'typo of the reviewer' },
  'CS-AUD-002': { decision: 'accept', justification: 'Syslog stays on the management VLAN.', expires: '2020-01-01' },
};

beforeAll(async () => {
  mkdirSync(vendor, { recursive: true });
  for (const f of readdirSync(path.join(repoRoot, 'samples')).filter((f) => f.startsWith('northwind'))) copyFileSync(path.join(repoRoot, 'samples', f), path.join(vendor, f));
  const report = await reviewPaths([vendor], { cwd: root, config: none });
  blank = formatReport('questionnaire-xlsx', report, { catalog: catalogFor(vendor, { cwd: root, config: none }) });
  firstCross = report.crossFindings[0]!.ruleId;
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function review(fills: Record<string, Fill>, options: { listed?: boolean; configText?: string; nestedConfig?: string } = {}): Promise<ReviewReport> {
  const file = path.join(vendor, 'answered.xlsx');
  writeFileSync(file, filled(blank, fills));
  if (options.configText) writeFileSync(path.join(root, '.dicomsec.yaml'), options.configText);
  if (options.nestedConfig) writeFileSync(path.join(vendor, '.dicomsec.yaml'), options.nestedConfig);
  try {
    const config = options.configText ? { root } : none;
    return await reviewPaths([vendor], { cwd: root, config, questionnaires: options.listed ? [file] : [] });
  } finally {
    rmSync(path.join(root, '.dicomsec.yaml'), { force: true });
    rmSync(path.join(vendor, '.dicomsec.yaml'), { force: true });
  }
}

describe('a questionnaire read back', () => {
  it('named with --questionnaire: accepted rows are waived with the justification, answers are evidence', async () => {
    const r = await review({ ...FILLS, [firstCross]: { decision: 'accept', justification: 'Cross-checked with the vendor in the meeting of 5 Jan.' } }, { listed: true });
    for (const name of ['northwind-imaging-nw-scope-200-conformance.md', 'northwind-imaging-nw-scope-200-conformance.pdf']) {
      const doc = byName(r, name);
      expect(has(doc.findings, 'CS-TLS-001')).toEqual([]);
      const [w] = has(doc.waived, 'CS-TLS-001');
      expect(w!.waiver).toEqual({ justification: expect.stringMatching(/^Isolated imaging VLAN until 4\.3 \(risk R-7\)\. \(vendor questionnaire answered\.xlsx, row \d+\)$/), expires: '2099-12-31' });
      expect(w!.evidence.at(-1)).toMatchObject({ path: path.join(vendor, 'answered.xlsx'), section: 'Vendor answer', sheet: 'Questions', cell: expect.stringMatching(/^J\d+$/), quote: 'TLS 1.2 arrives in release 4.3 (Q3).' });
    }
    // follow-up keeps the finding, with the answer and the decision as evidence.
    const [naut] = has(byName(r, 'northwind-imaging-nw-scope-200-mds2.xlsx').findings, 'MDS2-NAUT-001');
    expect(naut!.evidence.slice(-2).map((e) => [e.section, e.quote])).toEqual([
      ['Vendor answer', 'Planned for a later release.'],
      ['Reviewer decision', 'follow-up: Ask for a date and a design.'],
    ]);
    // A cross finding accepted once is waived for the pair, listed with the form's waived findings.
    expect(has(r.crossFindings, firstCross)).toEqual([]);
    expect(has(waivedAll(r), firstCross).length).toBeGreaterThan(0);
    expect(r.summary.waived).toBe(waivedAll(r).length);
    // SARIF carries each as an accepted suppression with its justification.
    const sarif = JSON.parse(formatReport('sarif', r, { catalog: catalogFor(vendor, { cwd: root, config: none }), cwd: root }));
    const suppressed = sarif.runs[0].results.filter((x: { ruleId: string; suppressions?: unknown[] }) => x.ruleId === 'CS-TLS-001' && x.suppressions);
    expect(suppressed[0].suppressions[0]).toMatchObject({ kind: 'external', status: 'accepted', justification: expect.stringContaining('Isolated imaging VLAN') });
  });

  it('reports decisions it cannot apply as findings of the questionnaire, at their cell', async () => {
    const r = await review(FILLS, { listed: true });
    const q = byName(r, 'answered.xlsx');
    expect(q.kind).toBe('questionnaire');
    const [unjustified] = has(q.findings, QUESTIONNAIRE_RULES.unjustified);
    expect(unjustified).toMatchObject({ severity: 'warning', message: expect.stringMatching(/CS-UID-001.*no reviewer justification/) });
    expect(unjustified!.evidence[0]).toMatchObject({ section: 'Reviewer decision', sheet: 'Questions', cell: expect.stringMatching(/^K\d+$/), quote: 'accept' });
    expect(has(q.findings, QUESTIONNAIRE_RULES.invalid)[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/"approve" is none of accept, reject, follow-up/) });
    // Neither was applied: their findings stand.
    expect(has(byName(r, 'northwind-imaging-nw-scope-200-conformance.md').findings, 'CS-UID-001')).toHaveLength(1);
    expect(has(byName(r, 'northwind-imaging-nw-scope-200-conformance.md').findings, 'CS-TIME-001')).toHaveLength(1);
    // An expired acceptance: the finding applies again and the expiry is reported, as for config waivers.
    expect(has(byName(r, 'northwind-imaging-nw-scope-200-conformance.md').findings, 'CS-AUD-002')).toHaveLength(1);
    expect(has(q.findings, 'DICOMSEC-WAIVER-EXPIRED')[0]!.message).toMatch(/expired on 2020-01-01.*Syslog stays on the management VLAN/);
  });

  it('found in the reviewed folder and not listed by the reviewer, a vendor-filled "accept" waives nothing', async () => {
    const r = await review(FILLS);
    expect(waivedAll(r)).toEqual([]);
    expect(has(all(r), 'CS-TLS-001')).toHaveLength(2);
    // Its answers are still shown with their findings, and a notice says the decisions were left out.
    expect(has(all(r), 'CS-TLS-001')[0]!.evidence.at(-1)).toMatchObject({ section: 'Vendor answer', quote: 'TLS 1.2 arrives in release 4.3 (Q3).' });
    const notice = r.notices!.find((n) => n.kind === 'questionnaire-not-applied');
    expect(notice).toMatchObject({ file: path.join(vendor, 'answered.xlsx'), message: expect.stringMatching(/not applied.*questionnaires:.*--questionnaire/) });
    expect((notice as { documents: string[] }).documents).toContain(path.join(vendor, 'northwind-imaging-nw-scope-200-conformance.md'));
  });

  it("listed under questionnaires: in the reviewer's configuration, it applies; listed by a configuration in the vendor's folder, it does not", async () => {
    const listed = await review(FILLS, { configText: 'questionnaires:\n  - "vendor/answered*.xlsx"\n' });
    expect(has(waivedAll(listed), 'CS-TLS-001')).toHaveLength(2);
    expect((listed.notices ?? []).some((n) => n.kind === "questionnaire-not-applied")).toBe(false);
    const vendorSays = await review(FILLS, { nestedConfig: 'questionnaires:\n  - "answered.xlsx"\n' });
    expect(waivedAll(vendorSays)).toEqual([]);
    expect(vendorSays.notices!.map((n) => n.kind)).toEqual(expect.arrayContaining(['config-not-applied', 'questionnaire-not-applied']));
  });

  it('a row about a document that changed since (a new revision) is not applied, and says so', async () => {
    const md = path.join(vendor, 'northwind-imaging-nw-scope-200-conformance.md');
    const file = path.join(vendor, 'answered.xlsx');
    writeFileSync(file, filled(blank, { 'CS-TLS-001': FILLS['CS-TLS-001']! }));
    const original = (await import('node:fs')).readFileSync(md);
    appendFileSync(md, '\nRevision 2 of this statement.\n');
    try {
      const r = await reviewPaths([vendor], { cwd: root, config: none, questionnaires: [file] });
      expect(has(byName(r, 'northwind-imaging-nw-scope-200-conformance.md').findings, 'CS-TLS-001')).toHaveLength(1);
      expect(has(byName(r, 'northwind-imaging-nw-scope-200-conformance.pdf').waived, 'CS-TLS-001')).toHaveLength(1);
      const [stale] = has(byName(r, 'answered.xlsx').findings, QUESTIONNAIRE_RULES.stale);
      expect(stale!.message).toMatch(/about northwind-imaging-nw-scope-200-conformance\.md as it was \(SHA-256 [0-9a-f]{12}…\).*new revision/);
      expect(stale!.evidence[0]).toMatchObject({ sheet: 'Questions', section: 'Vendor answer' });
    } finally {
      writeFileSync(md, original);
    }
  });

  it('linted without the documents it asks about, it says they are absent', async () => {
    const lone = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-questionnaire-lone-'));
    try {
      writeFileSync(path.join(lone, 'q.xlsx'), filled(blank, { 'CS-TLS-001': FILLS['CS-TLS-001']! }));
      const r = await reviewPaths([lone], { cwd: lone, config: { root: lone, none: true } });
      expect(r.documents.map((d) => d.kind)).toEqual(['questionnaire']);
      expect(has(r.documents[0]!.findings, QUESTIONNAIRE_RULES.absent)[0]!.message).toMatch(/4 documents not in this review/);
    } finally {
      rmSync(lone, { recursive: true, force: true });
    }
  });
});
