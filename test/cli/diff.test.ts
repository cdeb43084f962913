// `dicomsec diff` as a separate process: exit 1 only for gaps the new revision opened, 2 for two
// kinds or an unreadable revision, a notice for revisions of different products.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliSync } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-diff-cli-'));
const r3 = path.join(dir, 'r3.xlsx');
const r4 = path.join(dir, 'r4.xlsx');
const r5 = path.join(dir, 'r5.xlsx');

function dicomsec(args: string[]) {
  const r = runCliSync(args, { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '' } });
  expect(r.net, 'network use').toEqual([]);
  return r;
}

/** The Contoso sample with some answer cells rewritten. */
function revision(file: string, cells: Record<string, string>) {
  const wb = XLSX.read(readFileSync(r3));
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  for (const [cell, v] of Object.entries(cells)) ws[cell] = { t: 's', v };
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
}

beforeAll(() => {
  copyFileSync(path.join(repoRoot, 'samples', 'contoso-medical-clarity-pacs-mds2.xlsx'), r3);
  revision(r4, { C90: 'No' }); // AUTH-1 Yes → No: an error opens
  revision(r5, { C107: 'Yes' }); // CSUP-2.4 No → Yes: a gap closes, none opens
});

describe('dicomsec diff', () => {
  it('exit 1 for a new error, with the gap named', () => {
    const r = dicomsec(['diff', 'r3.xlsx', 'r4.xlsx', '-q']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Gaps opened \(2\)\n {2}error {4}MDS2-AUTH-001 {2}AUTH-1 mds2-form!C90/);
    expect(r.stderr).toBe('');
  });

  it('exit 0 when only gaps closed, though the new revision still has gaps', () => {
    const r = dicomsec(['diff', 'r3.xlsx', 'r5.xlsx', '-q', '-f', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.findings.closed.map((f: { ruleId: string }) => f.ruleId)).toEqual(['MDS2-CSUP-002']);
    expect(d.findings.unchanged.length).toBeGreaterThan(0);
    expect(dicomsec(['diff', 'r3.xlsx', 'r4.xlsx', '-q', '--fail-on', 'none']).code).toBe(0);
  });

  it('sarif marks results by baselineState', () => {
    const out = path.join(dir, 'diff.sarif');
    const r = dicomsec(['diff', 'r3.xlsx', 'r4.xlsx', '-q', '-f', 'sarif', '-o', out]);
    expect(r.code).toBe(1);
    const states = JSON.parse(readFileSync(out, 'utf8')).runs[0].results.map((x: { ruleId: string; baselineState: string }) => `${x.ruleId}:${x.baselineState}`);
    expect(states).toEqual(['MDS2-AUTH-001:new', 'MDS2-DOC-005:new', 'MDS2-AUTH-003:unchanged', 'MDS2-CSUP-002:unchanged']);
  });

  it('two kinds are a usage error; two products a notice; an unreadable revision exit 2', () => {
    const cs = path.join(repoRoot, 'samples', 'contoso-medical-clarity-pacs-conformance.md');
    const kinds = dicomsec(['diff', 'r3.xlsx', cs, '-q']);
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toBe('dicomsec: diff compares two revisions of one document kind: old is an MDS2 form, new is a conformance statement\n');
    const other = dicomsec(['diff', 'r3.xlsx', path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-mds2.xlsx'), '-q', '--fail-on', 'none']);
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(/^dicomsec: notice: the revisions look like different products: old "Contoso Medical Systems \(fictional\) — Clarity PACS 8\.1", new "Northwind/);
    writeFileSync(path.join(dir, 'broken.xlsx'), 'PK\u0003\u0004 not a workbook');
    const broken = dicomsec(['diff', 'r3.xlsx', 'broken.xlsx', '-q']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^dicomsec: broken\.xlsx: unreadable: /);
  });
});

describeCorpus('dicomsec diff: two published revisions of one statement', () => {
  it('Slim 0.11.2 (LaTeX) → 0.14.0 (Markdown): the version and date changed, no gap opened', () => {
    const r = dicomsec(['diff', corpusPath('cs', 'slim-736739e.tex'), corpusPath('cs', 'slim-736739e.md'), '-q', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout);
    expect(d.kind).toBe('conformance-statement');
    expect(d.notices).toEqual([]);
    expect(d.facts.changed.map((c: { id: string; old: { text: string }; new: { text: string } }) => [c.id, c.old.text, c.new.text])).toEqual([
      ['version', '0.11.2', '0.14.0'],
      ['date', 'October 6, 2022', 'June 6, 2023'],
      ['dateIso', '2022-10-06', '2023-06-06'],
    ]);
    expect(d.findings.opened).toEqual([]);
    expect(d.findings.closed).toEqual([]);
    expect(d.findings.updated.map((p: { new: { ruleId: string } }) => p.new.ruleId).sort()).toEqual(['CS-AUD-001', 'CS-DOC-001', 'CS-SEC-001', 'CS-TIME-001']);
  });
});
