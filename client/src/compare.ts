// "Compare Products…" and "Diff Against Previous Revision…": the reviewer picks the files, the
// server reviews them in its worker pool and returns what `dicomsec compare` / `dicomsec diff`
// print. A comparison in HTML opens in a static webview (static-webview.ts); Markdown opens as an
// untitled document, ready to save or preview.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BINARY_EXTENSIONS,
  CompareProductsRequest,
  DiffRevisionsRequest,
  TEXT_EXTENSIONS,
  type CompareProductsResult,
  type DiffRevisionsResult,
} from '../../server/src/lsp/protocol.js';
import { createStaticPanel } from './static-webview.js';

const DOCUMENT_FILTERS = { 'Vendor documents': [...BINARY_EXTENSIONS, ...TEXT_EXTENSIONS].map((e) => e.replace(/^\./, '')) };

let panel: vscode.WebviewPanel | undefined;

function showHtml(title: string, html: string): void {
  if (!panel) {
    panel = createStaticPanel('dicomsec.comparison', title, vscode.ViewColumn.Active);
    panel.onDidDispose(() => (panel = undefined));
  } else {
    panel.title = title;
    panel.reveal();
  }
  panel.webview.html = html;
}

async function showMarkdown(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: text, language: 'markdown' });
  await vscode.window.showTextDocument(doc, { preview: false });
}

export async function compareProducts(client: LanguageClient): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    title: 'dicomsec: the MDS2 forms and conformance statements of two or more products',
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: true,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: DOCUMENT_FILTERS,
    openLabel: 'Compare',
  });
  if (!picked?.length) return;
  const format = await vscode.window.showQuickPick(
    [
      { label: 'HTML page', description: 'differences highlighted', format: 'html' as const },
      { label: 'Markdown', description: 'tables, ready to save', format: 'md' as const },
    ],
    { title: 'dicomsec: show the comparison as' },
  );
  if (!format) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'dicomsec: comparing the products…' },
    () => client.sendRequest<CompareProductsResult>(CompareProductsRequest, { uris: picked.map((u) => u.toString()), format: format.format }),
  );
  if (format.format === 'html') showHtml(`dicomsec: ${result.products.length} products`, result.text);
  else await showMarkdown(result.text);
  if (result.unreadable) void vscode.window.showWarningMessage(`dicomsec: ${result.unreadable} document${result.unreadable === 1 ? '' : 's'} could not be read; the comparison is incomplete.`);
}

export async function diffRevisions(client: LanguageClient, current?: vscode.Uri): Promise<void> {
  const pick = async (title: string) =>
    (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: DOCUMENT_FILTERS, defaultUri: current ?? vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: 'Select' }))?.[0];
  const newer = current ?? (await pick('dicomsec: the current revision (form or statement)'));
  if (!newer) return;
  const older = await pick(`dicomsec: the previous revision of ${newer.path.replace(/^.*\//, '')}`);
  if (!older) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'dicomsec: comparing the revisions…' },
    () => client.sendRequest<DiffRevisionsResult>(DiffRevisionsRequest, { old: older.toString(), new: newer.toString() }),
  );
  await showMarkdown(result.text);
  void vscode.window.showInformationMessage(`dicomsec: ${result.opened} gap${result.opened === 1 ? '' : 's'} opened, ${result.closed} closed, ${result.changed} answers, notes or facts changed.`);
}
