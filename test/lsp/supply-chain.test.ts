// The SBOM and advisory kinds in the editor, headless: a folder holding only Contoso's CycloneDX
// SBOM and CSAF advisory (and a package.json that is neither) activates the extension, the server
// reviews them as JSON text documents with the CLI's findings on their evidence lines, explains each
// rule on hover, offers a waiver, and renders their review views; the package.json stays silent.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, FullDocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import { globMatches } from '../../server/src/core/glob.js';
import { isTextPath, type ReviewViewResult } from '../../server/src/lsp/protocol.js';
import { repoRoot, startHarness, type Harness } from './harness.js';

const isCross = (d: Diagnostic) => /^X-/.test(String(d.code));
const uri = (p: string) => pathToFileURL(p).href;
const samples = path.join(repoRoot, 'samples');
const SBOM = 'contoso-medical-clarity-pacs-8.1.cdx.json';
const ADVISORY = 'contoso-medical-cms-sa-2025-007.csaf.json';
const cli = (args: string[]) => execFileSync(process.execPath, [path.join(repoRoot, 'bin', 'dicomsec.cjs'), ...args], { encoding: 'utf8' });

interface CliFinding { ruleId: string; evidence: { line?: number }[] }
interface CliRule { id: string; title: string; rationale: string }

describe('package.json activates the extension on SBOM and advisory files', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const globs = (pkg.activationEvents as string[]).filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
  const activates = (file: string) => globs.some((g) => globMatches(file, g));

  it('by the names SBOMs and advisories are published under, in any folder', () => {
    for (const file of [SBOM, ADVISORY, 'vendor/acme/bom.json', 'vendor/acme/acme-sbom.json', 'x/pacs.spdx.json', 'x/pacs.cdx.xml', 'a/b/cisa-2025.csaf.json']) expect(activates(file), file).toBe(true);
    // Activation is only a trigger (content decides the kind), but not every JSON file is one.
    for (const file of ['package.json', 'tsconfig.json', 'vendor/settings.json']) expect(activates(file), file).toBe(false);
  });

  it('and the client and server take those files as text documents', () => {
    for (const file of [SBOM, ADVISORY, 'pacs.cdx.xml', 'pacs.spdx.json']) expect(isTextPath(`/w/${file}`), file).toBe(true);
  });
});

describe('SBOM and advisory in the editor', () => {
  let h: Harness;
  const dir = path.join(repoRoot, 'test', '.tmp', `lsp-supply-chain-${process.pid}`);
  const files = { sbom: path.join(dir, SBOM), advisory: path.join(dir, ADVISORY), pkg: path.join(dir, 'package.json') };
  const texts = new Map<string, string>();
  let expected: Map<string, CliFinding[]>;
  let rules: Map<string, CliRule>;

  async function pull(file: string): Promise<Diagnostic[]> {
    const r = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(file) } })) as FullDocumentDiagnosticReport;
    expect(r.kind).toBe('full');
    return r.items;
  }

  async function open(file: string): Promise<Diagnostic[]> {
    const text = readFileSync(file, 'utf8');
    texts.set(file, text);
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: 'json', version: 1, text } });
    return pull(file);
  }

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(samples, SBOM), files.sbom);
    copyFileSync(path.join(samples, ADVISORY), files.advisory);
    writeFileSync(files.pkg, `${JSON.stringify({ name: 'not-an-sbom', version: '1.0.0', dependencies: { zlib: '^1.0.0' }, components: [{ name: 'x' }] }, null, 2)}\n`);
    const report = JSON.parse(cli(['lint', files.sbom, files.advisory, '--format', 'json', '--fail-on', 'none', '--no-config', '-q'])) as { documents: { path: string; findings: CliFinding[] }[] };
    expected = new Map(report.documents.map((d) => [d.path, d.findings]));
    rules = new Map((JSON.parse(cli(['rules', '--format', 'json'])).rules as CliRule[]).map((r) => [r.id, r]));
    h = await startHarness({ rootDir: dir });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, kind, facts, ruleIds] of [
    ['SBOM', 'sbom', ['CycloneDX 1.6 SBOM', 'Clarity PACS', 'Contoso Medical Systems (fictional)', 'openssl', 'dcmtk', 'zlib 1.3.1'], ['SBOM-COMP-001', 'SBOM-COMP-002', 'SBOM-COMP-003', 'SBOM-COMP-004']],
    ['advisory', 'advisory', ['CMS-SA-2025-007', 'Clarity PACS'], ['CSAF-VEX-001', 'CSAF-VULN-001', 'CSAF-VULN-003']],
  ] as const) {
    it(`${name}: the CLI's findings on their evidence lines, a hover that explains the rule, a waiver, and a review view with its facts`, async () => {
      const file = files[kind];
      const items = await open(file);
      const cliFindings = expected.get(file)!;
      expect([...new Set(cliFindings.map((f) => f.ruleId))].sort()).toEqual([...ruleIds]);
      // Its own findings, as the CLI lists them; the SBOM against the advisory (X-ADV-003) comes on top, tested in supply-chain-cross.test.ts.
      expect(items.filter((d) => !isCross(d)).map((d) => String(d.code)).sort()).toEqual(cliFindings.map((f) => f.ruleId).sort());
      const lines = texts.get(file)!.split('\n');
      for (const f of cliFindings) {
        const line = f.evidence[0]!.line!;
        const d = items.find((x) => x.code === f.ruleId && x.range.start.line === line - 1);
        expect(d, `${f.ruleId} on line ${line}`).toBeDefined();
        // The range covers text of that line, not the whole document.
        expect(d!.range.end.line).toBe(line - 1);
        expect(d!.range.end.character).toBeGreaterThan(d!.range.start.character);
        expect(lines[line - 1]!.slice(d!.range.start.character, d!.range.end.character).trim()).not.toBe('');
        expect(d!.source).toBe('dicomsec');
        expect(d!.data).toMatchObject({ ruleId: f.ruleId, documentUri: uri(file) });

        const hover = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(file) }, position: d!.range.start })) as Hover | null;
        const text = ((hover?.contents as { value: string } | undefined)?.value ?? '').replace(/\\/g, '');
        const rule = rules.get(f.ruleId)!;
        expect(text).toContain(`${f.ruleId} — ${rule.title}`);
        expect(text).toContain(`**Why it matters.** ${rule.rationale.slice(0, 60)}`);

        const actions = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(file) }, range: d!.range, context: { diagnostics: [d!] } })) as CodeAction[];
        expect(actions.map((a) => a.title).some((t) => t.startsWith(`Waive ${f.ruleId}`)), actions.map((a) => a.title).join('; ')).toBe(true);
      }

      const view = (await h.conn.sendRequest('dicomsec/reviewView', { uri: uri(file) })) as ReviewViewResult;
      expect(view.status).toBe('reviewed');
      for (const fact of facts) expect(view.text, fact).toContain(fact);
      expect(view.findings.map((f) => f.ruleId).filter((id) => !id.startsWith('X-')).sort()).toEqual(cliFindings.map((f) => f.ruleId).sort());
    });
  }

  it('SBOM review view: a line per component, and each component finding on its component', async () => {
    const view = (await h.conn.sendRequest('dicomsec/reviewView', { uri: uri(files.sbom) })) as ReviewViewResult;
    const lines = view.text.split('\n');
    expect(view.text).toMatch(/Product\s*:?\s+Clarity PACS/);
    expect(view.text).toMatch(/Components\s*:?\s+6/);
    const noVersion = view.findings.find((f) => f.ruleId === 'SBOM-COMP-001')!;
    expect(lines[noVersion.line]).toMatch(/dcmtk.*supplier: OFFIS e\.V\./);
    const noSupplier = view.findings.find((f) => f.ruleId === 'SBOM-COMP-002')!;
    expect(lines[noSupplier.line]).toMatch(/zlib 1\.3\.1.*supplier: —/);
  });

  it('a package.json that is not an SBOM: no diagnostics, no error', async () => {
    expect(await open(files.pkg)).toEqual([]);
    // An edit that keeps it valid JSON and no SBOM keeps it silent.
    await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(files.pkg), version: 2 }, contentChanges: [{ text: '{ "name": "not-an-sbom", "bomFormat": 3 }\n' }] });
    expect(await pull(files.pkg)).toEqual([]);
    // Closed, they are read from disk: the workspace pull carries the SBOM's and the advisory's
    // findings, and nothing for the package.json.
    for (const file of Object.values(files)) await h.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri(file) } });
    const ws = (await h.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items?: Diagnostic[] }[] };
    const byUri = new Map(ws.items.map((i) => [i.uri, i.items ?? []]));
    expect(byUri.get(uri(files.sbom))?.filter((d) => !isCross(d)).length).toBe(expected.get(files.sbom)!.length);
    expect(byUri.get(uri(files.advisory))?.filter((d) => !isCross(d)).length).toBe(expected.get(files.advisory)!.length);
    expect(byUri.get(uri(files.pkg)) ?? []).toEqual([]);
    // Nothing shown to the user; the server's log says what it is, and nothing crashed.
    expect(h.messages).toEqual([]);
    const log = h.logs.join('\n');
    expect(log).toMatch(/package\.json .*: unreadable \(a JSON data file, not a vendor document/);
    expect(log).not.toMatch(/\n\s+at |TypeError|RangeError|uncaught|unhandled/i);
  });

  it('a .json buffer mid-edit: silent while it names no SBOM or advisory key, an error once it does', async () => {
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{}\n');
    const u = uri(file);
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'json', version: 1, text: '{ "name": "not-an-sbom", ' } });
    expect(await pull(file)).toEqual([]);
    // The same truncated buffer, now with CycloneDX's key: a broken SBOM is not a clean one.
    await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: '{\n  "bomFormat": "CycloneDX",\n  "components": [\n' }] });
    const broken = await pull(file);
    expect(broken.map((d) => [d.code, d.severity])).toEqual([['DICOMSEC-UNREADABLE', 1]]);
    expect(broken[0]!.message).toMatch(/not valid JSON: the text ends inside an array/);
    expect(h.messages).toEqual([]);
  });
});
