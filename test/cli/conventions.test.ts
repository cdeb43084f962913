// The lint command's conventions as a pipeline sees them: SARIF for GitHub (--sarif-root), JUnit
// and --fail-on, -o and repeated -f, --max-warnings, --color, stdin, one path convention.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { runCliSync } from '../helpers/cli.js';

const samples = path.join(repoRoot, 'samples');
const weakForm = path.join(samples, 'northwind-imaging-nw-scope-200-mds2.xlsx');
const weakPdf = path.join(samples, 'northwind-imaging-nw-scope-200-conformance.pdf');

function dicomsec(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Uint8Array } = {}) {
  const r = runCliSync(args, { cwd: options.cwd, input: options.input, launcher: true, env: { NO_COLOR: '', FORCE_COLOR: '', ...options.env } });
  expect(r.net, 'network use').toEqual([]);
  return r;
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'dicomsec-conv-'));

describe('SARIF from the CLI', () => {
  it('makes URIs relative to --sarif-root under %SRCROOT%, numbers PDF lines on across pages, and lists the whole catalogue', () => {
    const log = JSON.parse(dicomsec(['lint', weakForm, weakPdf, '-f', 'sarif', '--sarif-root', samples, '--fail-on', 'none'], { cwd: tmpdir() }).stdout);
    const run = log.runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${samples}/`);
    const uris = new Set(run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) => `${r.locations[0]!.physicalLocation.artifactLocation.uriBaseId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`));
    expect([...uris].sort()).toEqual(['%SRCROOT% northwind-imaging-nw-scope-200-conformance.pdf', '%SRCROOT% northwind-imaging-nw-scope-200-mds2.xlsx']);
    const catalogue = JSON.parse(dicomsec(['rules', '--format', 'json']).stdout).rules.map((r: { id: string }) => r.id);
    const driverIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(driverIds.slice(0, catalogue.length)).toEqual([...catalogue].sort());
    const pdfLines = run.results
      .filter((r: { locations: { properties: { page?: number } }[] }) => r.locations[0]!.properties.page !== undefined)
      .map((r: { locations: { physicalLocation: { region: { startLine: number } }; properties: { page: number; line: number } }[] }) => [r.locations[0]!.properties.page, r.locations[0]!.properties.line, r.locations[0]!.physicalLocation.region.startLine]);
    const later = pdfLines.filter(([page]: number[]) => page! > 1);
    expect(later.length).toBeGreaterThan(0);
    for (const [, line, start] of later) expect(start).toBeGreaterThan(line!);
  });

  it('refuses a --sarif-root that is not a folder', () => {
    const r = dicomsec(['lint', weakForm, '-f', 'sarif', '--sarif-root', path.join(tempDir(), 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dicomsec: --sarif-root: .*missing is not a folder\n$/);
  });

  it('reports an unreadable document as a failed run with an error notification, exit 2', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    cpSync(weakForm, path.join(dir, 'form.xlsx'));
    const r = dicomsec(['lint', '.', '-f', 'sarif'], { cwd: dir });
    expect(r.code).toBe(2);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.invocations[0].executionSuccessful).toBe(false);
    const unreadable = run.invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === 'DICOMSEC-UNREADABLE');
    expect(unreadable.map((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['broken.xlsx']);
    expect(run.results.length).toBeGreaterThan(10);
    expect(run.results.every((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'form.xlsx')).toBe(true);
  });
});

describe('outputs: -o folders, repeated -f', () => {
  it('creates the missing folders of -o', () => {
    const out = path.join(tempDir(), 'reports', '2026', 'acme.sarif');
    expect(dicomsec(['lint', weakForm, '-f', 'sarif', '-o', out, '--fail-on', 'none']).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('writes one report per -f, paired with the -o in order, from one review', () => {
    const dir = tempDir();
    const r = dicomsec(['lint', weakForm, '-f', 'json', '-o', path.join(dir, 'a.json'), '-f', 'sarif', '-o', path.join(dir, 'a.sarif'), '-f', 'junit', '-o', path.join(dir, 'a.xml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const json = JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8'));
    const log = JSON.parse(readFileSync(path.join(dir, 'a.sarif'), 'utf8'));
    expect(log.runs[0].results.length).toBe(json.documents[0].findings.length);
    expect(readFileSync(path.join(dir, 'a.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('refuses a pairing it would have to guess, naming the fix', () => {
    const dir = tempDir();
    for (const args of [
      ['-f', 'json', '-f', 'sarif', '-o', path.join(dir, 'a.json')],
      ['-f', 'json', '-o', path.join(dir, 'a.json'), '-o', path.join(dir, 'b.json')],
      ['-f', 'json', '-f', 'sarif', '-o', path.join(dir, 'a.sarif'), '-o', path.join(dir, 'a.json')],
      ['-f', 'json', '-f', 'sarif', '-o', path.join(dir, 'x'), '-o', path.join(dir, 'x')],
      ['-f', 'yaml'],
    ]) {
      const r = dicomsec(['lint', weakForm, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^dicomsec: /);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('thresholds: JUnit and --fail-on, --max-warnings', () => {
  it('JUnit fails only the findings at or above --fail-on and says why the others pass', () => {
    const all = new XMLParser({ ignoreAttributes: false }).parse(dicomsec(['lint', weakForm, '-f', 'junit', '--fail-on', 'info']).stdout);
    const errorsOnly = dicomsec(['lint', weakForm, '-f', 'junit', '--fail-on', 'error']).stdout;
    const doc = new XMLParser({ ignoreAttributes: false }).parse(errorsOnly);
    const summary = JSON.parse(dicomsec(['lint', weakForm, '-f', 'json']).stdout).summary.findings;
    expect(Number(all.testsuites['@_failures'])).toBe(summary.error + summary.warning + summary.info);
    expect(Number(doc.testsuites['@_failures'])).toBe(summary.error);
    expect(errorsOnly).toContain('below --fail-on error: not a failure');
    expect(errorsOnly).toContain(`<property name="dicomsec.belowFailOn" value="${summary.warning + summary.info}"/>`);
    const none = new XMLParser({ ignoreAttributes: false }).parse(dicomsec(['lint', weakForm, '-f', 'junit', '--fail-on', 'none']).stdout);
    expect(none.testsuites['@_failures']).toBe('0');
  });

  it('--max-warnings: exit 1 past the count even when --fail-on lets warnings pass', () => {
    const warnings = JSON.parse(dicomsec(['lint', weakForm, '-f', 'json']).stdout).summary.findings.warning as number;
    expect(warnings).toBeGreaterThan(1);
    const over = dicomsec(['lint', weakForm, '--fail-on', 'none', '--max-warnings', String(warnings - 1), '-q']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe(`dicomsec: ${warnings} warnings, more than --max-warnings ${warnings - 1}\n`);
    expect(dicomsec(['lint', weakForm, '--fail-on', 'none', '--max-warnings', String(warnings), '-q']).code).toBe(0);
    expect(dicomsec(['lint', weakForm, '--max-warnings', '-1']).code).toBe(2);
  });
});

describe('--color and --no-color', () => {
  it('override NO_COLOR and terminal detection, for stylish', () => {
    expect(dicomsec(['lint', weakForm, '--color'], { env: { NO_COLOR: '1' } }).stdout).toMatch(/\x1b\[31m/);
    expect(dicomsec(['lint', weakForm, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
    expect(dicomsec(['lint', weakForm], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\x1b\[/);
  });
});

describe('standard input', () => {
  it('reviews - as a document named by --stdin-filename, with the same findings as the file', () => {
    const bytes = readFileSync(weakPdf);
    const fromFile = JSON.parse(dicomsec(['lint', weakPdf, '-f', 'json']).stdout).documents[0];
    const r = runCliSync(['lint', '-', '--stdin-filename', 'acme/cs.pdf', '-f', 'json'], { cwd: repoRoot, input: bytes });
    const fromStdin = JSON.parse(r.stdout).documents[0];
    expect(fromStdin.path).toBe(path.join(repoRoot, 'acme', 'cs.pdf'));
    expect(fromStdin.kind).toBe('conformance-statement');
    expect(fromStdin.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(fromFile.findings.map((f: { ruleId: string }) => f.ruleId));
    const stylish = runCliSync(['lint', '-', '--stdin-filename', 'acme/cs.pdf'], { cwd: repoRoot, input: bytes, env: { NO_COLOR: '1' } }).stdout;
    expect(stylish).toMatch(/^acme\/cs\.pdf \(conformance-statement\)$/m);
  });

  it('is exit 2 when empty or over the size limit, naming it; and - twice or --stdin-filename alone is a usage error', () => {
    const empty = dicomsec(['lint', '-', '--stdin-filename', 'cs.md'], { input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stdout).toMatch(/cs\.md\n\s+error\s+unreadable: standard input was empty/);
    const big = runCliSync(['lint', '-', '-f', 'json'], { cwd: repoRoot, input: 'x'.repeat(4096), env: { DICOMSEC_LIMITS: '{"maxFileBytes": 1024}' } });
    expect(big.code).toBe(2);
    expect(JSON.parse(big.stdout).documents[0]).toMatchObject({ status: 'unreadable', reason: 'limit', path: path.join(repoRoot, '<stdin>') });
    expect(dicomsec(['lint', '-', '-'], { input: 'x' }).code).toBe(2);
    const alone = dicomsec(['lint', weakForm, '--stdin-filename', 'x.pdf']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--stdin-filename .* give - as a path too/);
  });
});

describe('stylish from the CLI', () => {
  it('shows paths relative to the working directory unless --absolute-paths, the vendor question with --verbose, and fits 80 columns in a pipe', () => {
    const plain = dicomsec(['lint', weakForm, '--fail-on', 'none']).stdout;
    expect(plain).toMatch(/^samples\/northwind-imaging-nw-scope-200-mds2\.xlsx \(mds2\)$/m);
    expect(plain).not.toContain('ask the vendor:');
    for (const line of plain.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(dicomsec(['lint', weakForm, '--fail-on', 'none', '--absolute-paths']).stdout).toContain(`${weakForm} (mds2)`);
    const verbose = dicomsec(['lint', weakForm, '--fail-on', 'none', '--verbose']).stdout;
    expect(verbose.match(/ask the vendor: /g)?.length).toBe(JSON.parse(dicomsec(['lint', weakForm, '-f', 'json']).stdout).documents[0].findings.length);
    expect(verbose).toContain('remediation: ');
  });
});
