// Review views show a file's whole text, so the server shows them only for documents inside the
// workspace folders: a link in a vendor document to a file elsewhere, a `..` path or a symbolic
// link out of the folder is refused, and leaks nothing through hover or the outline either.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { reviewUriFor, type ReviewViewResult } from '../../server/src/lsp/protocol.js';
import { conformanceStatement, repoRoot, startHarness, type Harness } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-trust-${process.pid}`);
const ws = path.join(work, 'ws');
const outside = path.join(work, 'outside');
/** The workspace folder as the client names it: a link to `ws` (a folder opened through a link is still the workspace). */
const wsLink = path.join(work, 'ws-link');


const uri = (p: string) => pathToFileURL(p).href;

describe('review views outside the workspace', () => {
  let h: Harness;
  const view = (u: string) => h.conn.sendRequest('dicomsec/reviewView', { uri: u }) as Promise<ReviewViewResult>;

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(ws, { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(ws, 'acme-cs.md'), conformanceStatement('Acme PACS 3.1', 'INSIDE-MARKER'));
    writeFileSync(path.join(outside, 'secret-cs.md'), conformanceStatement('Secret PACS 9', 'SECRET-MARKER'));
    symlinkSync(path.join(outside, 'secret-cs.md'), path.join(ws, 'linked-cs.md'));
    symlinkSync(outside, path.join(ws, 'vendor-link'));
    symlinkSync(ws, wsLink);
    h = await startHarness({ rootDir: wsLink });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves a document inside the workspace, by the folder\'s name and by its real path', async () => {
    for (const p of [path.join(wsLink, 'acme-cs.md'), path.join(ws, 'acme-cs.md')]) {
      const v = await view(uri(p));
      expect(v.status).toBe('reviewed');
      expect(v.text).toContain('INSIDE-MARKER');
    }
  });

  const secret = path.join(outside, 'secret-cs.md');
  const dotdot = `${uri(wsLink)}/../outside/secret-cs.md`;
  it.each([
    ['a file outside every folder', uri(secret)],
    ['a `..` path out of the folder', dotdot],
    ['a percent-encoded `..` path', `${uri(wsLink)}/%2e%2e/outside/secret-cs.md`],
    ['a review-view URI naming an outside file', reviewUriFor(uri(secret))],
    ['a review-view URI with `..` and no query', `dicomsec-review:${wsLink}/../outside/secret-cs.md.dicomsec-review`],
    ['a symbolic link inside the folder to an outside file', uri(path.join(wsLink, 'linked-cs.md'))],
    ['a file below a linked folder that leads outside', uri(path.join(wsLink, 'vendor-link', 'secret-cs.md'))],
  ])('refuses %s', async (_name, u) => {
    await expect(view(u)).rejects.toThrow(/outside the workspace folders/);
  });

  it('answers no hover and no outline on the review view of an outside file', async () => {
    const viewUri = reviewUriFor(uri(secret));
    const hover = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri: viewUri }, position: { line: 10, character: 5 } })) as Hover | null;
    const symbols = (await h.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: viewUri } })) as DocumentSymbol[];
    expect(hover).toBeNull();
    expect(symbols).toEqual([]);
    // The server never read it: no review of the secret file was logged.
    expect(h.logs.join('\n')).not.toContain(`reviewed ${secret}`);
  });

  it('serves a file outside the folders that the reviewer opened in the editor', async () => {
    const text = conformanceStatement('Opened PACS 2', 'OPENED-MARKER');
    const opened = path.join(outside, 'opened-cs.md');
    writeFileSync(opened, text);
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(opened), languageId: 'markdown', version: 1, text } });
    const v = await view(uri(opened));
    expect(v.text).toContain('OPENED-MARKER');
  });
});
