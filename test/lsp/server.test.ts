// The language server driven over stdio by a real JSON-RPC client, as an editor would.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FullDocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import { TOOL_VERSION } from '../../server/src/core/version.js';
import type { ReviewViewResult } from '../../server/src/lsp/protocol.js';
import { conformanceStatement, repoRoot, startHarness, type Harness } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-${process.pid}`);
const uri = (p: string) => pathToFileURL(p).href;
const csvSample = path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-mds2.csv');

const STATEMENT = conformanceStatement();

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

async function pull(h: Harness, u: string): Promise<Diagnostic[]> {
  const r = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as FullDocumentDiagnosticReport;
  expect(r.kind).toBe('full');
  return r.items;
}

describe('language server over stdio', () => {
  let h: Harness;
  const csvPath = path.join(work, 'vendors', 'northwind-mds2.csv');
  const xlsxPath = path.join(work, 'vendors', 'northwind-mds2.xlsx');
  const mdPath = path.join(work, 'vendors', 'acme-cs.md');

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    rmSync(work, { recursive: true, force: true });
    mkdirSync(path.dirname(csvPath), { recursive: true });
    copyFileSync(csvSample, csvPath);
    // The same form as a workbook, generated here so the test owns its input.
    const rows = XLSX.read(readFileSync(csvSample, 'utf8'), { type: 'string' }).Sheets.Sheet1!;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, rows, 'mds2-form');
    writeFileSync(xlsxPath, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    writeFileSync(mdPath, STATEMENT);
    h = await startHarness({ rootDir: work });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('initializes with pull diagnostics, workspace diagnostics, hover, code actions and symbols', () => {
    const caps = h.init.capabilities;
    expect(caps.diagnosticProvider).toMatchObject({ workspaceDiagnostics: true });
    expect(caps.hoverProvider).toBe(true);
    expect(caps.codeActionProvider).toBeTruthy();
    expect(caps.documentSymbolProvider).toBe(true);
    expect(h.init.serverInfo).toEqual({ name: 'dicomsec', version: TOOL_VERSION });
  });

  it('reports a form that was never opened, read from disk, naming question and cell and linking to the review view', async () => {
    const items = await pull(h, uri(csvPath));
    expect(items.length).toBeGreaterThan(5);
    const doc8 = items.find((d) => (d.data as { questionId?: string }).questionId === 'DOC-8');
    expect(doc8).toBeDefined();
    expect(doc8!.code).toBe('MDS2-DOC-001');
    // CSV opens as text in an editor, so it gets the row's line.
    expect(doc8!.range.start.line).toBe(12);
  });

  it('reports a workbook never opened: findings at the top, question and cell in the message, related review-view line', async (ctx) => {
    const items = await pull(h, uri(xlsxPath));
    expect(items.length).toBeGreaterThan(0);
    if (items.length === 1 && items[0]!.code === 'DICOMSEC-UNREADABLE') {
      // Fail closed until the xlsx reader lands: an error, never a clean result.
      expect(items[0]!.severity).toBe(1);
      ctx.skip();
    }
    const d = items.find((x) => /^\[DOC-8 mds2-form!C13\]/.test(messageOf(x)));
    expect(d, items.map(messageOf).join('\n')).toBeDefined();
    expect(d!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(d!.relatedInformation?.[0]?.location.uri).toMatch(/^dicomsec-review:.*northwind-mds2\.xlsx\.dicomsec-review\?/);
  });

  it('serves the review view with its findings by line (for decorations), no diagnostics on it, hover, actions and outline', async () => {
    const view = (await h.conn.sendRequest('dicomsec/reviewView', { uri: uri(csvPath) })) as ReviewViewResult;
    const lines = view.text.split('\n');
    expect(lines.some((l) => l.startsWith('== AUTH'))).toBe(true);
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: view.reviewUri, languageId: 'dicomsec-review', version: 1, text: view.text } });
    // Problems lists each finding once, on the document: the view has no diagnostics of its own.
    expect(await pull(h, view.reviewUri)).toEqual([]);
    const docItems = await pull(h, uri(csvPath));
    expect(view.findings.filter((f) => f.severity !== 'hint').length).toBe(docItems.filter((d) => d.severity !== 4).length);

    const f = view.findings.find((x) => x.ruleId === 'MDS2-DOC-001')!;
    expect(lines[f.line]).toMatch(/^DOC-8\s+no\s+"No"/);
    expect(f.startCharacter).toBe(0);
    expect(f.endCharacter).toBe(lines[f.line]!.length);
    expect(f.message).toContain('[DOC-8 csv!C13]');
    expect(f.severity).toBe(docItems.find((d) => d.code === 'MDS2-DOC-001')!.severity === 1 ? 'error' : 'warning');
    expect(f.title).toBeTruthy();
    for (const part of ['MDS2-DOC-001', 'Why it matters', 'NIST SP 800-53', 'Ask the vendor', 'DOC-8']) expect(f.hover).toContain(part);

    // A client that does not draw decorations still gets the hover from the server.
    const hover = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri: view.reviewUri }, position: { line: f.line, character: 1 } })) as Hover;
    const md = (hover.contents as { value: string }).value;
    expect(md).toContain('MDS2-DOC-001');
    expect(md).toContain('Why it matters');

    // Quick fixes on a view line come from the findings there, not from diagnostics.
    const actions = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: view.reviewUri },
      range: { start: { line: f.line, character: 0 }, end: { line: f.line, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^Waive MDS2-DOC-001 \(DOC-8\)/), expect.stringMatching(/documentation of MDS2-DOC-001/)]));
    expect((actions[0]!.command!.arguments![0] as { uri: string }).uri).toBe(uri(csvPath));

    const symbols = (await h.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: view.reviewUri } })) as DocumentSymbol[];
    const auth = symbols.find((s) => s.name === 'AUTH');
    expect(auth?.children?.some((c) => c.name === 'AUTH-1')).toBe(true);
  });

  it('leaves the hover of review views to a client that draws them as decorations', async () => {
    const h2 = await startHarness({ rootDir: work, initializationOptions: { trusted: true, virtualDocuments: true, viewDecorations: true } });
    try {
      const view = (await h2.conn.sendRequest('dicomsec/reviewView', { uri: uri(csvPath) })) as ReviewViewResult;
      await h2.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: view.reviewUri, languageId: 'dicomsec-review', version: 1, text: view.text } });
      const f = view.findings.find((x) => x.ruleId === 'MDS2-DOC-001')!;
      expect(await h2.conn.sendRequest('textDocument/hover', { textDocument: { uri: view.reviewUri }, position: { line: f.line, character: 1 } })).toBeNull();
    } finally {
      await h2.close();
    }
  });

  it('puts statement findings on the evidence lines and follows edits', async () => {
    const u = uri(mdPath);
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: STATEMENT } });
    const before = await pull(h, u);
    const tls = before.find((d) => d.code === 'CS-TLS-001')!;
    expect(tls).toBeDefined();
    expect(STATEMENT.split('\n')[tls.range.start.line]).toContain('does not support TLS');
    // Insert three lines at the top: the finding moves with its sentence.
    await h.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<!-- reviewed copy -->\n\n\n' }],
    });
    const after = await pull(h, u);
    expect(after.find((d) => d.code === 'CS-TLS-001')!.range.start.line).toBe(tls.range.start.line + 3);
    // Fix the sentence: the TLS finding goes away.
    await h.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 3 },
      contentChanges: [{ text: STATEMENT.replace('The product does not support TLS.', 'TLS 1.3 is supported per the BCP 195 TLS Secure Transport Connection Profile on port 2762.') }],
    });
    const fixed = await pull(h, u);
    expect(fixed.find((d) => d.code === 'CS-TLS-001')).toBeUndefined();
    const outline = (await h.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })) as DocumentSymbol[];
    expect(JSON.stringify(outline)).toContain('3 Security');
  });

  it('offers waive, follow-up question and documentation actions; a waiver lands in .dicomsec.yaml and the finding is waived', async () => {
    const items = await pull(h, uri(csvPath));
    const d = items.find((x) => x.code === 'MDS2-DOC-001')!;
    const actions = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(csvPath) },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([
      expect.stringMatching(/^Waive MDS2-DOC-001 \(DOC-8\)/),
      expect.stringMatching(/follow-up question/),
      expect.stringMatching(/documentation/),
    ]);
    const args = actions[0]!.command!.arguments![0] as Record<string, unknown>;
    const written = (await h.conn.sendRequest('dicomsec/addWaiver', { ...args, justification: 'Vendor advisories tracked by the CISO office (ticket SEC-42)' })) as { configPath: string; created: boolean };
    expect(written.created).toBe(true);
    expect(written.configPath).toBe(path.join(work, '.dicomsec.yaml'));
    const yaml = readFileSync(written.configPath, 'utf8');
    expect(yaml).toContain('rule: MDS2-DOC-001');
    expect(yaml).toContain('documents: vendors/northwind-mds2.csv');
    expect(yaml).toContain('question: DOC-8');
    const again = await pull(h, uri(csvPath));
    expect(again.find((x) => x.code === 'MDS2-DOC-001' && x.severity !== 4)).toBeUndefined();
    expect(again.find((x) => x.code === 'MDS2-DOC-001' && x.severity === 4)?.message).toMatch(/^Waived:/);
  });

  it('checks .dicomsec.yaml: unknown keys and rule ids, completion of rule ids', async () => {
    const cfg = path.join(work, 'sub', '.dicomsec.yaml');
    const text = 'colour: red\nrules:\n  MDS2-NOPE-999: off\nwaivers:\n  - rule: \n';
    mkdirSync(path.dirname(cfg), { recursive: true });
    const u = uri(cfg);
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'yaml', version: 1, text: text.replace('  - rule: \n', '') } });
    const items = await pull(h, u);
    expect(items.some((d) => /unknown key "colour"/.test(messageOf(d)) && d.range.start.line === 0)).toBe(true);
    await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: 'rules:\n  MDS2-NOPE-999: off\n' }] });
    const second = await pull(h, u);
    expect(second.some((d) => /unknown rule id MDS2-NOPE-999/.test(messageOf(d)) && d.range.start.line === 1)).toBe(true);
    await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 3 }, contentChanges: [{ text }] });
    const completion = (await h.conn.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 4, character: 10 } })) as CompletionItem[];
    expect(completion.some((c) => c.label === 'MDS2-DOC-001')).toBe(true);
    const keys = (await h.conn.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 0 } })) as CompletionItem[];
    expect(keys.map((c) => c.label)).toEqual(expect.arrayContaining(['packs', 'failOn', 'ignore']));
  });

  it('answers workspace/diagnostic for every document in the workspace', async () => {
    const r = (await h.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; kind: string; items?: Diagnostic[] }[] };
    const uris = r.items.map((i) => i.uri);
    expect(uris).toContain(uri(xlsxPath));
    // Open documents are answered by document pulls, not repeated here.
    expect(uris).not.toContain(uri(mdPath));
    expect(r.items.find((i) => i.uri === uri(csvPath))?.items?.length).toBeGreaterThan(5);
  });

  it('exports a report in the CLI formats', async () => {
    const formats = (await h.conn.sendRequest('dicomsec/exportFormats')) as { format: string }[];
    expect(formats.map((f) => f.format)).toEqual(expect.arrayContaining(['json', 'sarif']));
    const r = (await h.conn.sendRequest('dicomsec/exportReport', { format: 'json' })) as { text: string; summary: { documents: number } };
    expect(JSON.parse(r.text).version).toBe(1);
    expect(r.summary.documents).toBeGreaterThanOrEqual(3);
  });

  it('exports the questionnaire workbook as base64 bytes that survive worker, server and JSON-RPC', async () => {
    const r = (await h.conn.sendRequest('dicomsec/exportReport', { format: 'questionnaire-xlsx' })) as { text: string; encoding?: string; extension: string };
    expect(r).toMatchObject({ encoding: 'base64', extension: 'xlsx' });
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(Buffer.from(r.text, 'base64'), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['Questions', 'About']);
    expect(XLSX.utils.sheet_to_csv(wb.Sheets['Questions']!)).toContain('Reviewer decision');
  });
});

describe('language server for clients without pull diagnostics', () => {
  let h: Harness;
  const dir = path.join(repoRoot, 'test', '.tmp', `lsp-push-${process.pid}`);
  beforeAll(async () => {
    if (!existsSync(path.join(repoRoot, 'dist', 'server.mjs'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    mkdirSync(dir, { recursive: true });
    h = await startHarness({ rootDir: dir, capabilities: {}, initializationOptions: {} });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for an opened statement, debounced', async () => {
    const u = uri(path.join(dir, 'cs.md'));
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: STATEMENT } });
    const p = await h.waitForPublish(u, (x) => x.diagnostics.length > 0);
    expect(p.diagnostics.map((d) => d.code)).toContain('CS-TLS-001');
    expect(p.diagnostics.every((d) => !d.relatedInformation?.some((r) => r.location.uri.startsWith('dicomsec-review:')))).toBe(true);
  });
});
