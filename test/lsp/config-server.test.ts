// A huge `.dicomsec.yaml` opened in the editor is checked in the worker pool: the server keeps
// answering other requests meanwhile, and the diagnostics come back capped.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, FullDocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import { CONFIG_INLINE_BYTES } from '../../server/src/lsp/config-checks.js';
import { MAX_CONFIG_DIAGNOSTICS } from '../../server/src/lsp/config-files.js';
import { repoRoot, startHarness, type Harness } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-config-${process.pid}`);
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

describe('a huge configuration file in the editor', () => {
  let h: Harness;
  const N = 40_000;
  const configUri = pathToFileURL(path.join(work, '.dicomsec.yaml')).href;
  const text = `rules:\n${Array.from({ length: N }, (_, i) => `  BOGUS-${i}: off\n`).join('')}  CS-TLS-001: warning\n`;

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    h = await startHarness({ rootDir: work });
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 1, text } });
    // Completion loads the rule catalogue: the check below then has nothing to wait for but itself.
    await h.conn.sendRequest('textDocument/completion', { textDocument: { uri: configUri }, position: { line: 1, character: 2 } });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('is checked off the main thread: a request sent after it is answered first, then 200 diagnostics and the count', async () => {
    expect(text.length).toBeGreaterThan(CONFIG_INLINE_BYTES);
    const order: string[] = [];
    const started = Date.now();
    const check = h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: configUri } }).then((r) => (order.push('config'), r as FullDocumentDiagnosticReport));
    const other = h.conn.sendRequest('dicomsec/exportFormats').then((r) => (order.push('other'), r as unknown[]));
    const [report, formats] = await Promise.all([check, other]);
    process.stdout.write(`config-server: ${N} unknown rule ids checked by the server in ${Date.now() - started} ms\n`);
    expect(formats.length).toBeGreaterThan(0);
    expect(order).toEqual(['other', 'config']);
    expect(report.items).toHaveLength(MAX_CONFIG_DIAGNOSTICS + 1);
    expect(messageOf(report.items[0]!)).toBe('unknown rule id BOGUS-0');
    expect(report.items[0]!.range.start.line).toBe(1);
    expect(messageOf(report.items.at(-1)!)).toBe(`${N - MAX_CONFIG_DIAGNOSTICS} more problems in this file are not listed (the first ${MAX_CONFIG_DIAGNOSTICS} are)`);
  }, 120_000);

  it('hovers the rule id on the last line, from the pool', async () => {
    const hover = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri: configUri }, position: { line: N + 1, character: 4 } })) as Hover | null;
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    expect(value).toMatch(/^\*\*CS-TLS-001 — /);
  }, 120_000);
});

describe('a configuration file inside the workspace tree', () => {
  let h: Harness;
  const dir = `${work}-nested`;
  const rootUri = pathToFileURL(path.join(dir, '.dicomsec.yaml')).href;
  const nestedUri = pathToFileURL(path.join(dir, 'vendor', '.dicomsec.yaml')).href;

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'vendor'), { recursive: true });
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'failOn: warning\n');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), 'packs:\n  nsa-mnp: false\n');
    h = await startHarness({ rootDir: dir });
    for (const uri of [rootUri, nestedUri]) {
      const text = uri === rootUri ? 'failOn: warning\n' : 'packs:\n  nsa-mnp: false\n';
      await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    }
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says on the vendor-side file that it is not applied, and nothing of the kind on the reviewer\'s own', async () => {
    const nested = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: nestedUri } })) as FullDocumentDiagnosticReport;
    const notice = nested.items.find((d) => d.code === 'config-not-applied');
    expect(notice && messageOf(notice)).toMatch(/not applied/);
    const own = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: rootUri } })) as FullDocumentDiagnosticReport;
    expect(own.items.filter((d) => d.code === 'config-not-applied')).toEqual([]);
  }, 120_000);
});
