// The language server as reviewers meet it: cross-document findings on a form and its statement,
// PDF and Word statements that are never opened, and editors other than VS Code.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Command, Diagnostic, FullDocumentDiagnosticReport, Hover, SymbolInformation } from 'vscode-languageserver-protocol';
import type { ReviewViewResult } from '../../server/src/lsp/protocol.js';
import { makeZip } from '../readers/zip-fixture.js';
import { pullCapabilities, pullUntil, repoRoot, startHarness, type Harness } from './harness.js';

const uri = (p: string) => pathToFileURL(p).href;
const samples = path.join(repoRoot, 'samples');
const tmp = (name: string) => path.join(repoRoot, 'test', '.tmp', `${name}-${process.pid}`);
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const isCross = (d: Diagnostic) => /^X-/.test(String(d.code));

async function pull(h: Harness, u: string): Promise<Diagnostic[]> {
  const r = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as FullDocumentDiagnosticReport;
  expect(r.kind).toBe('full');
  return r.items;
}

/** What the CLI reports for a folder: the same engine, for comparison. */
function cliReport(dir: string): { documents: { path: string; findings: { ruleId: string; evidence: { page?: number; line?: number; quote?: string }[] }[] }[]; crossFindings: { ruleId: string }[] } {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'bin', 'dicomsec.cjs'), 'lint', dir, '--format', 'json', '--fail-on', 'none', '-q'], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe('cross-document findings in the editor', () => {
  let h: Harness;
  const dir = tmp('lsp-cross');
  const xlsx = path.join(dir, 'northwind-mds2.xlsx');
  const md = path.join(dir, 'northwind-cs.md');
  const statement = readFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-conformance.md'), 'utf8');

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-mds2.xlsx'), xlsx);
    writeFileSync(md, statement);
    h = await startHarness({ rootDir: dir });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the CLI cross findings on both documents, on each one\'s evidence, linking to the other', async () => {
    const expected = cliReport(dir).crossFindings.map((f) => f.ruleId).sort();
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const onForm = (await pullUntil(h, uri(xlsx), (items) => items.filter(isCross).length === expected.length)).filter(isCross);
    const onStatement = (await pullUntil(h, uri(md), (items) => items.filter(isCross).length === expected.length)).filter(isCross);
    expect(onForm.map((d) => String(d.code)).sort()).toEqual(expected);
    expect(onStatement.map((d) => String(d.code)).sort()).toEqual(expected);

    // On the workbook: at the top (a binary file), the question and cell in the message, the
    // statement's sentence as related information.
    const wifiForm = onForm.find((d) => d.code === 'X-WIFI-001')!;
    expect(messageOf(wifiForm)).toMatch(/^\[CONN-1\.1\.1 mds2-form!C\d+\] .*cross-check with northwind-cs\.md/);
    const lines = statement.split('\n');
    const ethernet = lines.findIndex((l) => l.includes('1 Gbit/s Ethernet interface'));
    expect(wifiForm.relatedInformation?.some((r) => r.location.uri === uri(md) && r.location.range.start.line === ethernet && /In northwind-cs\.md/.test(r.message))).toBe(true);
    expect(wifiForm.data).toMatchObject({ ruleId: 'X-WIFI-001', documentUri: uri(xlsx), questionId: 'CONN-1.1.1', cross: true });

    // On the statement: on the sentence, with the form's answer in its review view as related information.
    const wifiStatement = onStatement.find((d) => d.code === 'X-WIFI-001')!;
    expect(wifiStatement.range.start.line).toBe(ethernet);
    expect(messageOf(wifiStatement)).toContain('cross-check with northwind-mds2.xlsx');
    const formLink = wifiStatement.relatedInformation?.find((r) => r.location.uri.startsWith('dicomsec-review:'));
    expect(formLink?.location.uri).toMatch(/northwind-mds2\.xlsx\.dicomsec-review\?/);
    const view = (await h.conn.sendRequest('dicomsec/reviewView', { uri: uri(xlsx) })) as ReviewViewResult;
    expect(view.text.split('\n')[formLink!.location.range.start.line]).toMatch(/^CONN-1\.1\.1\s+yes/);
    // The waiver of a cross finding goes to the form, whose configuration waives cross findings.
    expect(wifiStatement.data).toMatchObject({ documentUri: uri(xlsx), cross: true });

    // A finding about what the statement's security section lacks sits on that section's heading.
    const deid = onStatement.find((d) => d.code === 'X-DEID-001');
    if (deid) {
      expect(lines[deid.range.start.line]).toMatch(/^#+ 6 Security/);
      expect(deid.relatedInformation?.some((r) => /northwind-mds2\.xlsx\.dicomsec-review/.test(r.location.uri))).toBe(true);
    }

    // The review view of the form shows them too, on the question's line.
    const viewWifi = view.findings.find((f) => f.ruleId === 'X-WIFI-001')!;
    expect(view.text.split('\n')[viewWifi.line]).toMatch(/^CONN-1\.1\.1\s/);
    expect(viewWifi.crossWith).toBe('northwind-cs.md');
    expect(viewWifi.hover).toContain('Cross-document check');

    // And the workspace pull carries them for the workbook that was never opened.
    const ws = (await h.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; items?: Diagnostic[] }[] };
    expect(ws.items.find((i) => i.uri === uri(xlsx))?.items?.filter(isCross).map((d) => String(d.code)).sort()).toEqual(expected);
  });

  it('refreshes both documents when the statement is edited', async () => {
    const u = uri(md);
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: statement } });
    expect((await pullUntil(h, u, (items) => items.some((d) => d.code === 'X-WIFI-001'))).some((d) => d.code === 'X-WIFI-001')).toBe(true);
    const refreshes = h.requests.filter((m) => m === 'workspace/diagnostic/refresh').length;
    // The statement now discloses the wireless interface: the finding goes from both documents.
    await h.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 2 },
      contentChanges: [{ text: statement.replace('one 1 Gbit/s Ethernet interface with IPv4.', 'one 1 Gbit/s Ethernet interface and one Wi-Fi (802.11ac, WPA2-Enterprise) interface with IPv4.') }],
    });
    const after = await pullUntil(h, u, (items) => !items.some((d) => d.code === 'X-WIFI-001'));
    expect(after.some((d) => d.code === 'X-WIFI-001')).toBe(false);
    expect(after.some((d) => d.code === 'X-PORTS-003')).toBe(true);
    // The server asked the client to pull again, and the workbook no longer carries it.
    const until = Date.now() + 10_000;
    while (h.requests.filter((m) => m === 'workspace/diagnostic/refresh').length === refreshes && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(h.requests.filter((m) => m === 'workspace/diagnostic/refresh').length).toBeGreaterThan(refreshes);
    const form = await pull(h, uri(xlsx));
    expect(form.some((d) => d.code === 'X-WIFI-001')).toBe(false);
    expect(form.some((d) => d.code === 'X-PORTS-003')).toBe(true);
  });
});

describe('waiving a cross-document finding', () => {
  let h: Harness;
  const dir = tmp('lsp-cross-waive');
  const xlsx = path.join(dir, 'northwind-mds2.xlsx');
  const md = path.join(dir, 'northwind-cs.md');
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-mds2.xlsx'), xlsx);
    copyFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-conformance.md'), md);
    h = await startHarness({ rootDir: dir });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('from the statement writes a waiver for the form, and the finding leaves both documents', async () => {
    const items = await pullUntil(h, uri(md), (list) => list.some((d) => d.code === 'X-UID-001'));
    const d = items.find((x) => x.code === 'X-UID-001')!;
    const actions = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(md) }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const waive = actions.find((a) => /^Waive X-UID-001 \(PAUT-2\) for this form and statement/.test(a.title))!;
    expect(waive).toBeDefined();
    const args = waive.command!.arguments![0] as Record<string, unknown>;
    expect(args.uri).toBe(uri(xlsx));
    const written = (await h.conn.sendRequest('dicomsec/addWaiver', { ...args, justification: 'Users authenticate at the PACS front end (risk acceptance R-7)' })) as { configPath: string };
    const yaml = readFileSync(written.configPath, 'utf8');
    expect(yaml).toContain('documents: northwind-mds2.xlsx');
    expect(yaml).toContain('question: PAUT-2');
    expect((await pullUntil(h, uri(md), (list) => !list.some((x) => x.code === 'X-UID-001'))).some((x) => x.code === 'X-UID-001')).toBe(false);
    expect((await pull(h, uri(xlsx))).some((x) => x.code === 'X-UID-001')).toBe(false);
    expect((await pull(h, uri(xlsx))).some((x) => x.code === 'X-PORTS-003')).toBe(true);
  });
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`;

/** A Word statement, generated: headings as Heading styles, one paragraph per line. */
function docxStatement(): Uint8Array {
  const body = [
    para('Acme PACS 3.1 DICOM Conformance Statement', 'Title'),
    para('Manufacturer: Acme Imaging (fictional)'),
    para('1 Introduction', 'Heading1'),
    para('This document is the DICOM Conformance Statement of Acme PACS 3.1.'),
    para('2 Networking', 'Heading1'),
    para('The ACME_STORE Application Entity accepts associations on port 104 from any calling AE title.'),
    para('3 Security', 'Heading1'),
    para('The product does not support TLS. Audit logging is not supported.'),
  ].join('');
  return makeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
  ]);
}

describe('PDF and Word statements in the editor', () => {
  let h: Harness;
  const dir = tmp('lsp-pdf');
  const pdf = path.join(dir, 'northwind-cs.pdf');
  const docx = path.join(dir, 'acme-cs.docx');

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-conformance.pdf'), pdf);
    writeFileSync(docx, docxStatement());
    h = await startHarness({ rootDir: dir });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a PDF statement that was never opened, naming section, page and line', async () => {
    const items = await pull(h, uri(pdf));
    const cli = cliReport(dir).documents.find((d) => d.path === pdf)!;
    expect(cli.findings.length).toBeGreaterThan(0);
    expect(items.map((d) => String(d.code)).sort()).toEqual(cli.findings.map((f) => f.ruleId).sort());
    const tls = items.find((d) => d.code === 'CS-TLS-001')!;
    const e = cli.findings.find((f) => f.ruleId === 'CS-TLS-001')!.evidence[0]!;
    expect(messageOf(tls)).toContain(`p.${e.page} l.${e.line}]`);
    expect(tls.range.start.line).toBe(0);
    for (const d of items) expect(messageOf(d)).toMatch(/^\[[^\]]*p\.\d+ l\.\d+\]/);
    expect(tls.relatedInformation?.[0]?.location.uri).toMatch(/^dicomsec-review:.*northwind-cs\.pdf\.dicomsec-review\?/);
  });

  it('reports a generated Word statement with its paragraph lines', async () => {
    const items = await pull(h, uri(docx));
    expect(items.some((d) => d.code === 'DICOMSEC-UNREADABLE')).toBe(false);
    const tls = items.find((d) => d.code === 'CS-TLS-001');
    expect(tls, items.map(messageOf).join('\n')).toBeDefined();
    expect(messageOf(tls!)).toMatch(/^\[§ 3 Security line 8\] /);
    expect(messageOf(tls!)).toContain('does not support TLS');
  });

  it('shows the PDF in its review view with page markers and each finding on its evidence line', async () => {
    const view = (await h.conn.sendRequest('dicomsec/reviewView', { uri: uri(pdf) })) as ReviewViewResult;
    const lines = view.text.split('\n');
    const marker = (n: number) => lines.indexOf(`--- page ${n} ---`);
    expect(marker(1)).toBeGreaterThan(0);
    expect(marker(2)).toBeGreaterThan(marker(1));
    expect(marker(3)).toBeGreaterThan(marker(2));
    const cli = cliReport(dir).documents.find((d) => d.path === pdf)!;
    expect(view.findings.length).toBe(cli.findings.length);
    for (const f of cli.findings) {
      const e = f.evidence[0]!;
      const vf = view.findings.find((x) => x.ruleId === f.ruleId)!;
      // After its page's marker, before the next one, on the line with the quoted sentence.
      expect(vf.line, f.ruleId).toBeGreaterThan(marker(e.page!));
      const next = marker(e.page! + 1);
      if (next > 0) expect(vf.line, f.ruleId).toBeLessThan(next);
      // PDF line numbers count blank lines the view does not show (a title block), so the view line
      // is at most that far below the marker; the quote below pins the exact line.
      expect(vf.line - marker(e.page!), f.ruleId).toBeLessThanOrEqual(e.line!);
      expect(lines[vf.line], f.ruleId).toContain(e.quote!.split(/\s+/).slice(0, 4).join(' ').replace(/\s+/g, ' ').slice(0, 20));
    }
  });
});

describe('editors other than VS Code', () => {
  const dir = tmp('lsp-other');
  const statement = [
    '# Acme PACS 3.1 DICOM Conformance Statement',
    '',
    'Manufacturer: Acme Imaging (fictional)',
    '',
    '## 1 Introduction',
    '',
    'This document is the DICOM Conformance Statement of Acme PACS 3.1.',
    '',
    '## 2 Networking',
    '',
    'The ACME_STORE Application Entity accepts associations on port 104 from any calling AE title.',
    '',
    '## 3 Security',
    '',
    'The product does not support TLS. Audit logging is not supported.',
    '',
  ].join('\n');

  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves `dicomsec lsp --stdio` to a client that advertises no capabilities, no folders and no options', async () => {
    const h = await startHarness({ args: [path.join(repoRoot, 'bin', 'dicomsec.cjs'), 'lsp', '--stdio'], capabilities: {}, noInitializationOptions: true });
    try {
      expect(h.init.capabilities.diagnosticProvider).toBeUndefined();
      const u = uri(path.join(dir, 'cs.md'));
      await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: statement } });
      const p = await h.waitForPublish(u, (x) => x.diagnostics.some((d) => d.code === 'CS-TLS-001'));
      const tls = p.diagnostics.find((d) => d.code === 'CS-TLS-001')!;
      expect(statement.split('\n')[tls.range.start.line]).toContain('does not support TLS');
      // Nothing that needs the VS Code extension: no review-view links, no rule-page links.
      expect(p.diagnostics.some((d) => d.relatedInformation?.some((r) => r.location.uri.startsWith('dicomsec-review:')))).toBe(false);
      expect(p.diagnostics.some((d) => d.codeDescription)).toBe(false);

      const hover = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: tls.range.start.line, character: tls.range.start.character } })) as Hover;
      expect(hover.contents).toMatchObject({ kind: 'plaintext' });
      expect((hover.contents as { value: string }).value).toContain('CS-TLS-001');

      // Without code-action literals: plain commands, run by the server.
      const actions = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: tls.range, context: { diagnostics: [tls] } })) as (Command | CodeAction)[];
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) expect(typeof a.command).toBe('string');
      const show = actions.find((a) => a.command === 'dicomsec.server.showQuestion') as Command;
      expect(show).toBeDefined();
      await h.conn.sendRequest('workspace/executeCommand', { command: show.command, arguments: show.arguments });
      const until = Date.now() + 5000;
      while (!h.messages.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(h.messages.some((m) => m.startsWith('CS-TLS-001:'))).toBe(true);

      // Without hierarchical symbols: a flat list with locations.
      const symbols = (await h.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })) as SymbolInformation[];
      expect(symbols.find((s) => s.name.includes('3 Security'))?.location.uri).toBe(u);

      // The server asked nothing the client did not offer (no watchers, settings, refreshes, showDocument).
      expect(h.requests).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('publishes the workspace, cross findings included, when a pull-capable client asks for push', async () => {
    const ws = path.join(dir, 'ws');
    mkdirSync(ws, { recursive: true });
    const xlsx = path.join(ws, 'northwind-mds2.xlsx');
    copyFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-mds2.xlsx'), xlsx);
    copyFileSync(path.join(samples, 'northwind-imaging-nw-scope-200-conformance.md'), path.join(ws, 'northwind-cs.md'));
    const h = await startHarness({ rootDir: ws, capabilities: pullCapabilities, initializationOptions: { diagnostics: 'push' } });
    try {
      expect(h.init.capabilities.diagnosticProvider).toBeUndefined();
      // Never opened: published at start, with the form's own and its cross findings.
      const p = await h.waitForPublish(uri(xlsx), (x) => x.diagnostics.some((d) => d.code === 'X-WIFI-001'));
      expect(p.diagnostics.some((d) => String(d.code).startsWith('MDS2-'))).toBe(true);
      expect(p.diagnostics.every((d) => !d.relatedInformation?.some((r) => r.location.uri.startsWith('dicomsec-review:')))).toBe(true);
    } finally {
      await h.close();
    }
  });
});
