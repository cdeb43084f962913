// RFP drafts in the editor: missing requirements as diagnostics with a quick fix that inserts the
// clause (Markdown) or shows/copies it (Word), clause completions, and the whole section on request.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoRoot, startHarness, type Harness } from './harness.js';

const uri = (p: string) => pathToFileURL(p).href;
const SLUG = 'fabrikam-regional-hospital-imaging-archive-rfp';

async function pull(h: Harness, u: string): Promise<Diagnostic[]> {
  const r = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as FullDocumentDiagnosticReport;
  return r.items;
}

describe('RFP drafts in the editor', () => {
  let h: Harness;
  const dir = path.join(repoRoot, 'test', '.tmp', `lsp-rfp-${process.pid}`);
  const md = path.join(dir, `${SLUG}.md`);
  const docx = path.join(dir, `${SLUG}.docx`);
  const text = readFileSync(path.join(repoRoot, 'samples', `${SLUG}.md`), 'utf8');

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(repoRoot, 'samples', `${SLUG}.md`), md);
    copyFileSync(path.join(repoRoot, 'samples', `${SLUG}.docx`), docx);
    h = await startHarness({ rootDir: dir });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inserts the missing clause under the security requirements heading, and the finding goes', async () => {
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(md), languageId: 'markdown', version: 1, text } });
    const items = await pull(h, uri(md));
    expect(items.filter((d) => /^RFP-/.test(String(d.code))).length).toBe(12);
    const sbom = items.find((d) => d.code === 'RFP-SBOM-001')!;
    expect(sbom.range.start.line).toBe(47); // "A software bill of materials (SBOM) is not required…"
    const actions = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(md) }, range: sbom.range, context: { diagnostics: [sbom] } })) as CodeAction[];
    expect(actions[0]!.title).toBe('Insert the RFP clause "Software bill of materials" in the security requirements section');
    const edit = actions[0]!.edit!.changes![uri(md)]!;
    const changed = TextDocument.applyEdits(TextDocument.create(uri(md), 'markdown', 1, text), edit);
    const lines = changed.split('\n');
    const at = lines.findIndex((l) => l.startsWith('**Software bill of materials.** The Offeror shall deliver'));
    expect(at).toBeGreaterThan(lines.indexOf('## 5 Security requirements'));
    expect(at).toBeLessThan(lines.indexOf('## 6 Evaluation criteria'));
    await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(md), version: 2 }, contentChanges: [{ text: changed }] });
    const after = await pull(h, uri(md));
    expect(after.some((d) => d.code === 'RFP-SBOM-001')).toBe(false);
    expect(after.filter((d) => /^RFP-/.test(String(d.code))).length).toBe(11);
  });

  it('completes requirement clauses in the Markdown draft, the missing ones first', async () => {
    const items = (await h.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(md) }, position: { line: 2, character: 0 } })) as CompletionItem[];
    expect(items).toHaveLength(20);
    const first = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0]!;
    expect(first.detail).toMatch(/missing from this draft$/);
    expect(items.find((i) => i.label === 'Software bill of materials')!.detail).toBe('RFP-SBOM-001');
  });

  it('offers the clause of a Word draft to copy (here: shown, for a client without its own commands)', async () => {
    const items = await pull(h, uri(docx));
    const centralAuth = items.find((d) => d.code === 'RFP-CAUTH-001')!;
    expect(centralAuth).toBeDefined();
    const actions = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(docx) }, range: centralAuth.range, context: { diagnostics: [centralAuth] } })) as CodeAction[];
    const show = actions.find((a) => a.title === 'Show the RFP clause "Central authentication"')!;
    expect(show.edit).toBeUndefined();
    await h.conn.sendRequest('workspace/executeCommand', { command: show.command!.command, arguments: show.command!.arguments });
    expect(h.messages.some((m) => m.startsWith('RFP-CAUTH-001 RFP clause: **Central authentication.** The product shall authenticate users'))).toBe(true);
  });

  it('writes the whole security requirements section on request', async () => {
    const r = (await h.conn.sendRequest('dicomsec/rfpRequirements', {})) as { markdown: string; clauses: number };
    expect(r.clauses).toBe(20);
    expect(r.markdown).toMatch(/^# Security requirements for a request for proposal \(RFP\)/);
  });
});
