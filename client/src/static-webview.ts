// A webview for a page the server rendered (the scorecard, the exposure plan): no script, no
// form, no command link, no local resource; the page carries its own CSP.
import * as vscode from 'vscode';

export function createStaticPanel(viewType: string, title: string, column: vscode.ViewColumn): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, column, {
    enableScripts: false,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [],
    retainContextWhenHidden: false,
  });
}
