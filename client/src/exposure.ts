// "Show Network Exposure": the exposure plan of the active document's folder (its product), or of
// the workspace, in a webview beside the document or its review view. The server computes it in its
// worker pool and returns the `dicomsec exposure --format html` page, shown as it is: static markup
// and inline CSS, every vendor string escaped. The webview runs no script, may load nothing (no
// local resource roots), and the page carries its own CSP.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createStaticPanel } from './static-webview.js';
import { ExposureRequest, REVIEW_SCHEME, type ExposureParams, type ExposureResult } from '../../server/src/lsp/protocol.js';

let panel: vscode.WebviewPanel | undefined;

export async function showExposure(client: LanguageClient, target: vscode.Uri | undefined): Promise<void> {
  const uri = target && (target.scheme === 'file' || target.scheme === REVIEW_SCHEME) ? target.toString() : undefined;
  const params: ExposureParams = { format: 'html', ...(uri ? { uri } : {}) };
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `dicomsec: building the network exposure plan of ${uri ? "the document's folder" : 'the workspace'}…` },
    () => client.sendRequest<ExposureResult>(ExposureRequest, params),
  );
  const folder = plan.scope.length === 1 ? plan.scope[0]!.replace(/^.*[\\/]/, '') : 'workspace';
  if (!panel) {
    panel = createStaticPanel('dicomsec.exposure', `Network exposure: ${folder}`, vscode.ViewColumn.Beside);
    panel.onDidDispose(() => (panel = undefined));
  } else {
    panel.title = `Network exposure: ${folder}`;
    panel.reveal(vscode.ViewColumn.Beside);
  }
  panel.webview.html = plan.text;
  if (plan.unreadable || plan.conflicts) {
    const parts = [plan.unreadable ? `${plan.unreadable} unreadable document${plan.unreadable === 1 ? '' : 's'} (not in the plan)` : '', plan.conflicts ? `${plan.conflicts} contradiction${plan.conflicts === 1 ? '' : 's'} between the documents` : ''].filter(Boolean);
    void vscode.window.showWarningMessage(`dicomsec: network exposure: ${parts.join('; ')}.`);
  }
}
