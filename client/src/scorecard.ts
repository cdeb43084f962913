// The scorecard of the open workspace in a webview: the server reviews the workspace in its worker
// pool (the export job) and returns the `dicomsec report` HTML, which is shown as it is — static
// markup, inline CSS and SVG. The webview runs no script, may load nothing (no local resource
// roots) and the page carries its own CSP (default-src 'none'; style-src 'unsafe-inline').
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createStaticPanel } from './static-webview.js';
import { ExportReportRequest, SCORECARD_FORMAT, type ExportReportResult } from '../../server/src/lsp/protocol.js';

let panel: vscode.WebviewPanel | undefined;

export async function showScorecard(client: LanguageClient): Promise<void> {
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'dicomsec: building the scorecard of the workspace…' },
    () => client.sendRequest<ExportReportResult>(ExportReportRequest, { format: SCORECARD_FORMAT }),
  );
  if (report.encoding) throw new Error(`the scorecard came back as ${report.encoding}, not HTML`);
  if (!panel) {
    panel = createStaticPanel('dicomsec.scorecard', 'dicomsec scorecard', vscode.ViewColumn.Active);
    panel.onDidDispose(() => (panel = undefined));
  } else panel.reveal();
  panel.webview.html = report.text;
}
