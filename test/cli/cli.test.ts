// The CLI as a pipeline sees it: a separate process, its exit code, its output.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { runCliSync } from '../helpers/cli.js';
import { parseConfigText } from '../../server/src/config/config.js';

const samples = path.join(repoRoot, 'samples');
const weakForm = path.join(samples, 'northwind-imaging-nw-scope-200-mds2.xlsx');
const strongForm = path.join(samples, 'contoso-medical-clarity-pacs-mds2.xlsx');

function dicomsec(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = runCliSync(args, { cwd: options.cwd, launcher: true, env: { NO_COLOR: '', FORCE_COLOR: '', ...options.env } });
  expect(r.net, 'network use').toEqual([]);
  return r;
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'dicomsec-cli-'));
}

describe('dicomsec lint', () => {
  it('reviews the samples folder, recognising each document by content', () => {
    const r = dicomsec(['lint', 'samples/', '--format', 'json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    const kinds = Object.fromEntries(report.documents.map((d: { path: string; kind: string }) => [path.basename(d.path), d.kind]));
    expect(kinds['northwind-imaging-nw-scope-200-mds2.xlsx']).toBe('mds2');
    expect(kinds['northwind-imaging-nw-scope-200-mds2.csv']).toBe('mds2');
    expect(kinds['northwind-imaging-nw-scope-200-conformance.pdf']).toBe('conformance-statement');
    expect(kinds['fabrikam-regional-hospital-imaging-archive-rfp.md']).toBe('rfp');
    expect(kinds['fabrikam-regional-hospital-imaging-archive-rfp.docx']).toBe('rfp');
    expect(report.documents.every((d: { status: string }) => d.status === 'reviewed')).toBe(true);
    expect(report.summary.findings.error).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });

  it('gives the same findings for the workbook and its CSV export', () => {
    const ids = (file: string) => {
      const report = JSON.parse(dicomsec(['lint', file, '--format', 'json', '--fail-on', 'none']).stdout);
      return report.documents[0].findings.map((f: { ruleId: string; evidence: { questionId?: string }[] }) => `${f.ruleId} ${f.evidence[0]!.questionId}`).sort();
    };
    expect(ids(weakForm)).toEqual(ids(weakForm.replace(/\.xlsx$/, '.csv')));
  });

  it('gives every finding evidence: question ID, answer and cell for MDS2 forms', () => {
    const report = JSON.parse(dicomsec(['lint', weakForm, '--format', 'json']).stdout);
    const findings = report.documents[0].findings as { evidence: { questionId?: string; sheet?: string; cell?: string; path?: string }[] }[];
    expect(findings.length).toBeGreaterThan(10);
    for (const f of findings) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.evidence[0]!.path).toBe(weakForm);
      if (f.evidence[0]!.questionId) expect(f.evidence[0]!.cell).toMatch(/^[A-Z]+\d+$/);
    }
  });

  it('honours --fail-on', () => {
    expect(dicomsec(['lint', weakForm, '--fail-on', 'none', '-q']).code).toBe(0);
    expect(dicomsec(['lint', weakForm, '--fail-on', 'error', '-q']).code).toBe(1);
    const strong = JSON.parse(dicomsec(['lint', strongForm, '--format', 'json']).stdout);
    const severities = new Set(strong.documents[0].findings.map((f: { severity: string }) => f.severity));
    expect(dicomsec(['lint', strongForm, '--fail-on', 'error']).code).toBe(severities.has('error') ? 1 : 0);
  });

  it('prints colour only when asked and never with NO_COLOR', () => {
    expect(dicomsec(['lint', weakForm]).stdout).not.toMatch(/\x1b\[/);
    expect(dicomsec(['lint', weakForm], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\x1b\[/);
    expect(dicomsec(['lint', weakForm], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
  });

  it('exits 2 with a one-line reason for an unreadable document and still reviews the others', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    writeFileSync(path.join(dir, 'empty.pdf'), '');
    writeFileSync(path.join(dir, 'notes.md'), '# Meeting notes\n\nNothing about DICOM here.\n');
    cpSync(weakForm, path.join(dir, 'form.xlsx'));
    const r = dicomsec(['lint', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    const byName = Object.fromEntries(report.documents.map((d: { path: string }) => [path.basename(d.path), d]));
    for (const name of ['broken.xlsx', 'empty.pdf']) {
      expect(byName[name].status).toBe('unreadable');
      expect(byName[name].error).toMatch(/^[^\n]{5,400}$/);
    }
    // Notes in a folder are no vendor document: skipped with the recogniser's verdict, not an error.
    expect(byName['notes.md']).toBeUndefined();
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: path.join(dir, 'notes.md'), reason: 'not-a-document' }));
    expect(byName['form.xlsx'].status).toBe('reviewed');
    expect(byName['form.xlsx'].findings.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const stylish = dicomsec(['lint', dir]);
    expect(stylish.code).toBe(2);
    expect(stylish.stdout).toMatch(/unreadable: the file is empty/);
  });

  it('treats usage errors as exit 2 without a stack trace', () => {
    for (const args of [['lint', 'no/such/file.xlsx'], ['lint', weakForm, '--format', 'yaml'], ['lint'], ['frobnicate'], []]) {
      const r = dicomsec(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(dicomsec(['lint', 'no/such/file.xlsx']).stderr).toBe('dicomsec: no such file or folder: no/such/file.xlsx\n');
  });

  it('writes SARIF and JUnit to a file with --output', () => {
    const dir = tempDir();
    const out = path.join(dir, 'report.sarif');
    expect(dicomsec(['lint', weakForm, '--format', 'sarif', '-o', out, '--fail-on', 'none']).code).toBe(0);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.length).toBeGreaterThan(10);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('samples/northwind-imaging-nw-scope-200-mds2.xlsx');
    const junit = dicomsec(['lint', weakForm, '--format', 'junit']).stdout;
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toMatch(/<failure type="error"/);
  });

  it('applies .dicomsec.yaml found above the document: severity overrides, packs, waivers', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'vendor'));
    cpSync(weakForm, path.join(dir, 'vendor', 'form.xlsx'));
    const before = JSON.parse(dicomsec(['lint', 'vendor', '--format', 'json'], { cwd: dir }).stdout).documents[0].findings as { ruleId: string; evidence: { questionId: string }[] }[];
    const target = before.find((f) => f.ruleId === 'MDS2-CONN-003') ?? before[0]!;
    writeFileSync(
      path.join(dir, '.dicomsec.yaml'),
      [
        'rules:',
        '  MDS2-DOC-003: off',
        'waivers:',
        `  - rule: ${target.ruleId}`,
        '    documents: "vendor/**"',
        `    question: ${target.evidence[0]!.questionId}`,
        '    justification: Accepted for the pilot; the device sits in an isolated VLAN.',
        '    expires: 2099-01-01',
      ].join('\n'),
    );
    const after = JSON.parse(dicomsec(['lint', 'vendor', '--format', 'json'], { cwd: dir }).stdout).documents[0];
    expect(after.findings.some((f: { ruleId: string }) => f.ruleId === 'MDS2-DOC-003')).toBe(false);
    expect(after.waived).toHaveLength(1);
    expect(after.waived[0].waiver.justification).toMatch(/isolated VLAN/);
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'rulez: {}\n');
    const bad = dicomsec(['lint', 'vendor'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\.dicomsec\.yaml:1:1: .*unknown key "rulez"/);
  });
});

describe('dicomsec inspect', () => {
  it('prints the MDS2 model in the documented shape', () => {
    const r = dicomsec(['inspect', weakForm]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout);
    expect(model).toMatchObject({ kind: 'mds2', edition: 'HN 1-2019' });
    expect(model.manufacturer).toMatch(/Northwind/);
    expect(Object.keys(model.answers).length).toBeGreaterThanOrEqual(200);
    expect(model.answers['CONN-7']).toMatchObject({ value: expect.any(String), raw: expect.any(String), location: { sheet: expect.any(String), cell: expect.stringMatching(/^[A-Z]+\d+$/) } });
  });

  it('exits 2 with one line for an unreadable file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'x.pdf'), '%PDF-1.7\ngarbage');
    const r = dicomsec(['inspect', path.join(dir, 'x.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('dicomsec rules and help', () => {
  it('lists every rule with its texts and framework mapping', () => {
    const { rules, packs } = JSON.parse(dicomsec(['rules', '--format', 'json']).stdout);
    expect(packs.map((p: { pack: string }) => p.pack).sort()).toEqual(['nsa-mnp', 'rfp-requirements', 'supply-chain', 'wg14-checklist']);
    expect(rules.length).toBeGreaterThan(60);
    for (const r of rules) {
      for (const key of ['id', 'title', 'severity', 'appliesTo', 'frameworks', 'rationale', 'remediation', 'question', 'rfpClause']) expect(r[key], `${r.id}.${key}`).toBeTruthy();
    }
    expect(dicomsec(['rules']).stdout).toMatch(/MDS2-CONN-003\s+error/);
  });

  it('has help that explains exit codes, and a version', () => {
    const help = dicomsec(['lint', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes/);
    expect(dicomsec(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('inputs that hold no document', () => {
  it('exits 2 for a folder without documents, or a folder named like a document', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'x.pdf'));
    mkdirSync(path.join(dir, 'empty'));
    for (const input of ['x.pdf', 'empty']) {
      const r = dicomsec(['lint', input], { cwd: dir });
      expect(r.code, input).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^dicomsec: no documents to review in ${input} \\(a folder`));
    }
  });
});

describe('dicomsec init', () => {
  it('writes a starter configuration that dicomsec itself accepts, and never overwrites one by accident', () => {
    const dir = tempDir();
    const first = dicomsec(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    const text = readFileSync(path.join(dir, '.dicomsec.yaml'), 'utf8');
    expect(text).toContain('nsa-mnp: true');
    expect(text).toContain('wg14-checklist: true');
    expect(() => parseConfigText(text, path.join(dir, '.dicomsec.yaml'))).not.toThrow();
    const again = dicomsec(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(dicomsec(['init', '--force'], { cwd: dir }).code).toBe(0);
    mkdirSync(path.join(dir, 'vendor'));
    cpSync(weakForm, path.join(dir, 'vendor', 'form.xlsx'));
    expect(dicomsec(['lint', 'vendor', '-q'], { cwd: dir }).code).toBe(1);
  });
});
