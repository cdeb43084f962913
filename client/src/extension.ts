// The VS Code face of dicomsec: starts the language server, shows review views of binary
// documents, and offers the commands. It knows nothing of rules or formats; the server does.
// No network access and no telemetry: every request goes to the local server process.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  AddWaiverRequest,
  ClientCommands,
  DIAGNOSTIC_SOURCE,
  documentUriOf,
  ExportFormatsRequest,
  ExportReportRequest,
  BINARY_EXTENSIONS,
  extensionGlob,
  hasReviewView,
  isBinaryPath,
  REVIEW_SCHEME,
  TEXT_EXTENSIONS,
  reviewUriFor,
  ReviewViewRequest,
  ReviewWorkspaceRequest,
  RfpRequirementsRequest,
  RULE_SCHEME,
  RuleCatalogueRequest,
  RuleDocumentationRequest,
  type AddWaiverParams,
  type AddWaiverResult,
  type ExportFormat,
  type ExportReportResult,
  type InitializationOptions,
  type ReviewViewResult,
  type RfpRequirementsResult,
  type ReviewWorkspaceResult,
  type RuleDocumentationResult,
  type RuleSummary,
  type ViewFinding,
} from '../../server/src/lsp/protocol.js';
import { showScorecard } from './scorecard.js';
import { showExposure } from './exposure.js';
import { compareProducts, diffRevisions } from './compare.js';

let client: LanguageClient | undefined;

/** Documents the server reads from disk, and those it reviews from the editor (readers/formats.ts). */
const BINARY_GLOB = extensionGlob(BINARY_EXTENSIONS);
const TEXT_GLOB = extensionGlob(TEXT_EXTENSIONS);

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    clientCommands: true,
    virtualDocuments: true,
    viewDecorations: true,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: BINARY_GLOB },
      { scheme: 'file', pattern: TEXT_GLOB },
      { scheme: 'file', language: 'yaml' },
      { scheme: REVIEW_SCHEME },
    ],
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      // Binary documents are never text documents: pull for their tabs by URI.
      onTabs: true,
      match: (_selector, resource) => resource.scheme === 'file' && isBinaryPath(resource.path),
      // Review views carry no diagnostics (their findings are decorations): nothing to pull.
      filter: (document) => document.uri.scheme === REVIEW_SCHEME,
    },
    synchronize: { configurationSection: 'dicomsec' },
    initializationOptions,
    outputChannel: output,
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient('dicomsec', 'dicomsec', serverOptions, clientOptions);
}

/** The document a command is about: its argument, the active editor, or the active tab. */
function targetUri(arg?: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor) return editor.document.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return undefined;
}

function requireClient(): LanguageClient {
  if (!client) throw new Error('the dicomsec language server is not running');
  return client;
}

class ReviewViewProvider implements vscode.TextDocumentContentProvider {
  readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  constructor(private readonly decorations: ViewDecorations) {}
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const result = await requireClient().sendRequest<ReviewViewResult>(ReviewViewRequest, { uri: uri.toString() });
    this.decorations.set(uri, result.findings ?? []);
    return result.text;
  }
}

/** Gutter markers: a dot in the severity's colour (a data URI, no bundled assets). */
function dot(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="4" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

/**
 * Findings in review views, drawn by the client from the findings the server returns with each
 * view: a severity-coloured underline, a gutter dot, an overview-ruler mark, the rule id after the
 * line and a hover that explains. The views carry no diagnostics, so Problems lists every finding
 * once, on the vendor's document.
 */
class ViewDecorations implements vscode.Disposable {
  private readonly byView = new Map<string, ViewFinding[]>();
  private readonly types: Record<ViewFinding['severity'], vscode.TextEditorDecorationType>;
  constructor() {
    const make = (fg: string, ruler: string, gutter: string, style: string) =>
      vscode.window.createTextEditorDecorationType({
        borderWidth: '0 0 2px 0',
        borderStyle: style,
        borderColor: new vscode.ThemeColor(fg),
        overviewRulerColor: new vscode.ThemeColor(ruler),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        gutterIconPath: dot(gutter),
        gutterIconSize: 'contain',
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
    this.types = {
      error: make('editorError.foreground', 'editorOverviewRuler.errorForeground', '#E51400', 'solid'),
      warning: make('editorWarning.foreground', 'editorOverviewRuler.warningForeground', '#BF8803', 'solid'),
      info: make('editorInfo.foreground', 'editorOverviewRuler.infoForeground', '#1A85FF', 'solid'),
      hint: make('editorHint.foreground', 'editorOverviewRuler.infoForeground', '#8C8C8C', 'dotted'),
    };
  }
  set(viewUri: vscode.Uri, findings: ViewFinding[]): void {
    this.byView.set(viewUri.toString(), findings);
    setTimeout(() => this.applyAll(), 0);
  }
  forget(viewUri: vscode.Uri): void {
    this.byView.delete(viewUri.toString());
  }
  applyAll(): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.scheme === REVIEW_SCHEME) this.apply(editor);
  }
  apply(editor: vscode.TextEditor): void {
    const findings = this.byView.get(editor.document.uri.toString()) ?? [];
    const lists: Record<ViewFinding['severity'], vscode.DecorationOptions[]> = { error: [], warning: [], info: [], hint: [] };
    const doc = editor.document;
    for (const f of findings) {
      if (f.line >= doc.lineCount) continue;
      const text = doc.lineAt(f.line).text;
      const range = new vscode.Range(f.line, Math.min(f.startCharacter, text.length), f.line, Math.min(Math.max(f.endCharacter, f.startCharacter), text.length));
      const hover = new vscode.MarkdownString(f.hover);
      hover.isTrusted = false;
      hover.supportHtml = false;
      lists[f.severity].push({
        range,
        hoverMessage: hover,
        renderOptions: {
          after: {
            contentText: `  ${f.severity === 'hint' ? 'waived ' : ''}${f.ruleId}${f.crossWith ? ` ↔ ${f.crossWith}` : ''}`,
            color: new vscode.ThemeColor('editorCodeLens.foreground'),
            fontStyle: 'italic',
          },
        },
      });
    }
    for (const sev of Object.keys(lists) as ViewFinding['severity'][]) editor.setDecorations(this.types[sev], lists[sev]);
  }
  dispose(): void {
    for (const t of Object.values(this.types)) t.dispose();
  }
}

class RuleDocProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ruleId = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const result = await requireClient().sendRequest<RuleDocumentationResult>(RuleDocumentationRequest, { ruleId });
    return result.markdown;
  }
}

async function openReviewView(uri: vscode.Uri, beside = false): Promise<void> {
  const reviewUri = vscode.Uri.parse(uri.scheme === REVIEW_SCHEME ? uri.toString() : reviewUriFor(uri.toString()));
  const doc = await vscode.workspace.openTextDocument(reviewUri);
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: beside ? vscode.ViewColumn.Beside : undefined });
}

async function openRule(ruleId: string): Promise<void> {
  const uri = vscode.Uri.parse(`${RULE_SCHEME}:/${ruleId}.md`);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}

function countsText(r: { error: number; warning: number; info: number; waived?: number; unreadable?: number; cross?: number }): string {
  const parts = [`${r.error} error${r.error === 1 ? '' : 's'}`, `${r.warning} warning${r.warning === 1 ? '' : 's'}`, `${r.info} info`];
  if (r.cross) parts.push(`${r.cross} of them cross-document (listed on both documents)`);
  if (r.unreadable) parts.push(`${r.unreadable} unreadable`);
  if (r.waived) parts.push(`${r.waived} waived`);
  return parts.join(', ');
}

function createStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('dicomsec.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'dicomsec findings';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const counts = { error: 0, warning: 0, info: 0 };
    let documents = 0;
    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
      if (uri.scheme === REVIEW_SCHEME) continue;
      let mine = false;
      for (const d of diags) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        mine = true;
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
        else if (d.severity === vscode.DiagnosticSeverity.Information) counts.info++;
      }
      if (mine) documents++;
    }
    item.text = `$(shield) ${counts.error} $(warning) ${counts.warning} $(info) ${counts.info}`;
    item.tooltip = `dicomsec: ${countsText(counts)} in ${documents} document${documents === 1 ? '' : 's'}${vscode.workspace.isTrusted ? '' : ' (restricted mode: no workspace rule packs)'}`;
    const failOn = vscode.workspace.getConfiguration('dicomsec').get<string>('failOn', 'error');
    const failing = (failOn === 'error' && counts.error) || (failOn === 'warning' && counts.error + counts.warning) || (failOn === 'info' && counts.error + counts.warning + counts.info);
    item.backgroundColor = failing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  context.subscriptions.push(item, vscode.languages.onDidChangeDiagnostics(update), vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('dicomsec') && update()));
  update();
}

/**
 * A review view follows its document: when the document's diagnostics change (file edited, a
 * waiver, settings, its cross-document partner changed), the view and its decorations are fetched again.
 */
function followDiagnostics(reviewViews: ReviewViewProvider): vscode.Disposable {
  const pending = new Map<string, vscode.Uri>();
  let timer: NodeJS.Timeout | undefined;
  return vscode.languages.onDidChangeDiagnostics((e) => {
    const changed = new Set(e.uris.filter((u) => u.scheme === 'file').map((u) => u.toString()));
    if (!changed.size) return;
    for (const d of vscode.workspace.textDocuments) {
      if (d.uri.scheme !== REVIEW_SCHEME) continue;
      const of = vscode.Uri.parse(documentUriOf(d.uri.toString())).toString();
      if (changed.has(of)) pending.set(d.uri.toString(), d.uri);
    }
    if (!pending.size) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const u of pending.values()) reviewViews.emitter.fire(u);
      pending.clear();
    }, 300);
  });
}

/** Opening a spreadsheet or PDF offers its review view (VS Code cannot show it as text). */
function offerReviewViews(context: vscode.ExtensionContext): void {
  const offered = new Set<string>();
  const consider = async (uri: vscode.Uri | undefined) => {
    if (!uri || uri.scheme !== 'file' || !hasReviewView(uri.path)) return;
    const key = uri.toString();
    if (offered.has(key)) return;
    offered.add(key);
    const mode = vscode.workspace.getConfiguration('dicomsec').get<string>('offerReviewView', 'ask');
    if (mode === 'never') return;
    if (mode === 'always') return openReviewView(uri, true);
    const name = uri.path.replace(/^.*\//, '');
    const pick = await vscode.window.showInformationMessage(`dicomsec can show ${name} as text, with its findings on the lines of their evidence.`, 'Open review view', 'Always', 'Never');
    if (pick === 'Open review view') await openReviewView(uri, true);
    else if (pick === 'Always' || pick === 'Never') {
      await vscode.workspace.getConfiguration('dicomsec').update('offerReviewView', pick.toLowerCase(), vscode.ConfigurationTarget.Global);
      if (pick === 'Always') await openReviewView(uri, true);
    }
  };
  const inputUri = (tab: vscode.Tab) => (tab.input instanceof vscode.TabInputText || tab.input instanceof vscode.TabInputCustom ? tab.input.uri : undefined);
  context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs((e) => e.opened.forEach((t) => void consider(inputUri(t)))));
  for (const group of vscode.window.tabGroups.all) for (const t of group.tabs) void consider(inputUri(t));
}

function registerCommands(context: vscode.ExtensionContext, reviewViews: ReviewViewProvider, output: vscode.OutputChannel): void {
  const reg = (id: string, fn: (...args: any[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          output.appendLine(`${id} failed: ${(err as Error).stack ?? String(err)}`);
          void vscode.window.showErrorMessage(`dicomsec: ${(err as Error).message}`);
        }
      }),
    );

  reg('dicomsec.reviewFile', async (arg?: vscode.Uri) => {
    const uri = targetUri(arg);
    if (!uri) return vscode.window.showWarningMessage('dicomsec: open a vendor document first.');
    const docUri = vscode.Uri.parse(documentUriOf(uri.toString()));
    const r = await requireClient().sendRequest<ReviewWorkspaceResult>(ReviewWorkspaceRequest, { uris: [docUri.toString()] });
    reviewViews.emitter.fire(vscode.Uri.parse(reviewUriFor(docUri.toString())));
    if (hasReviewView(docUri.path)) await openReviewView(docUri, true);
    void vscode.window.showInformationMessage(`dicomsec: ${docUri.path.replace(/^.*\//, '')}: ${countsText(r)}.`);
  });

  reg('dicomsec.reviewWorkspace', async () => {
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'dicomsec: reviewing the workspace…' },
      () => requireClient().sendRequest<ReviewWorkspaceResult>(ReviewWorkspaceRequest, {}),
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    void vscode.window.showInformationMessage(`dicomsec: ${r.documents} document${r.documents === 1 ? '' : 's'}: ${countsText(r)}.`);
  });

  reg('dicomsec.openReviewView', async (arg?: vscode.Uri) => {
    const uri = targetUri(arg);
    if (!uri) return vscode.window.showWarningMessage('dicomsec: open or select an MDS2 workbook or conformance statement first.');
    await openReviewView(uri, !arg);
  });

  /** Builds a report in one of the CLI's formats, asks where to save it and writes its text or bytes. */
  const exportAs = async (format: ExportFormat, label: string, defaultName: string) => {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `dicomsec: building the ${format} report…` },
      () => requireClient().sendRequest<ExportReportResult>(ExportReportRequest, { format }),
    );
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${defaultName}.${report.extension}`) : undefined,
      filters: { [label]: [report.extension] },
    });
    if (!target) return;
    const bytes = report.encoding === 'base64' ? Buffer.from(report.text, 'base64') : new TextEncoder().encode(report.text);
    await vscode.workspace.fs.writeFile(target, bytes);
    const open = await vscode.window.showInformationMessage(`dicomsec: report written (${report.summary.documents} documents; ${countsText(report.summary)}).`, report.encoding ? 'Reveal' : 'Open');
    if (open === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', target);
    else if (open) await vscode.window.showTextDocument(target);
  };

  reg('dicomsec.exportReport', async () => {
    const formats = await requireClient().sendRequest<{ format: ExportFormat; label: string; extension: string }[]>(ExportFormatsRequest);
    const pick = await vscode.window.showQuickPick(
      formats.map((f) => ({ label: f.label, description: f.format, f })),
      { title: 'dicomsec: export a report of the workspace', placeHolder: 'Format' },
    );
    if (pick) await exportAs(pick.f.format, pick.f.label, 'dicomsec-report');
  });

  reg('dicomsec.exportQuestionnaire', () => exportAs('questionnaire-xlsx', 'Excel workbook', 'vendor-questionnaire'));

  reg('dicomsec.showScorecard', () => showScorecard(requireClient()));

  reg('dicomsec.showExposure', (arg?: vscode.Uri) => showExposure(requireClient(), targetUri(arg)));
  reg('dicomsec.newRfpRequirements', async () => {
    const section = await requireClient().sendRequest<RfpRequirementsResult>(RfpRequirementsRequest);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: section.markdown });
    await vscode.window.showTextDocument(doc);
  });

  reg('dicomsec.compareProducts', () => compareProducts(requireClient()));

  // A URI argument (a keybinding, another extension) is the current revision; from the palette both are picked.
  reg('dicomsec.diffRevisions', (arg?: vscode.Uri) => diffRevisions(requireClient(), arg instanceof vscode.Uri ? arg : undefined));

  reg('dicomsec.showRuleCatalogue', async () => {
    const rules = await requireClient().sendRequest<RuleSummary[]>(RuleCatalogueRequest);
    const items: (vscode.QuickPickItem & { id: string })[] = [
      { label: '$(book) Whole catalogue', description: `${rules.length} rules`, id: 'catalogue' },
      ...rules.map((r) => ({ label: r.id, description: `${r.severity} · ${r.appliesTo} · ${r.pack ?? ''}`, detail: r.title, id: r.id })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'dicomsec rule catalogue', matchOnDescription: true, matchOnDetail: true });
    if (pick) await openRule(pick.id);
  });

  reg(ClientCommands.waive, async (args: Omit<AddWaiverParams, 'justification'>) => {
    const where = args.questionId ? ` (${args.questionId})` : args.section ? ` (§ ${args.section})` : '';
    const justification = await vscode.window.showInputBox({
      title: `Waive ${args.ruleId}${where} for this document`,
      prompt: 'Why is this gap accepted? (compensating control, risk owner, ticket). Written to .dicomsec.yaml.',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim().length < 10 ? 'At least 10 characters: a waiver without a reason is not a waiver.' : undefined),
    });
    if (!justification) return;
    const expires = await vscode.window.showInputBox({
      title: `Waive ${args.ruleId}: expiry (optional)`,
      prompt: 'YYYY-MM-DD after which the finding applies again; empty for none.',
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : 'Use YYYY-MM-DD, or leave empty.'),
    });
    if (expires === undefined) return;
    const written = await requireClient().sendRequest<AddWaiverResult>(AddWaiverRequest, { ...args, justification, expires: expires || undefined });
    const open = await vscode.window.showInformationMessage(`dicomsec: waiver for ${args.ruleId} ${written.created ? 'written to a new' : 'added to'} ${written.configPath}.`, 'Open');
    if (open) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(written.configPath));
      const pos = new vscode.Position(Math.max(0, written.line - 1), 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
    }
  });

  reg(ClientCommands.copyQuestion, async (question: string, ruleId?: string) => {
    await vscode.env.clipboard.writeText(question);
    void vscode.window.showInformationMessage(`dicomsec: follow-up question${ruleId ? ` for ${ruleId}` : ''} copied.`);
  });

  reg(ClientCommands.copyClause, async (clause: string, ruleId?: string) => {
    await vscode.env.clipboard.writeText(clause);
    void vscode.window.showInformationMessage(`dicomsec: RFP clause${ruleId ? ` for ${ruleId}` : ''} copied; paste it under the draft's security requirements.`);
  });

  reg(ClientCommands.openRule, (ruleId: string) => openRule(ruleId));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('dicomsec', { log: true });
  context.subscriptions.push(output);
  output.appendLine(`dicomsec: starting (${vscode.workspace.isTrusted ? 'trusted workspace' : 'restricted mode: no workspace rule packs'}; no network, no telemetry)`);

  const decorations = new ViewDecorations();
  const reviewViews = new ReviewViewProvider(decorations);
  context.subscriptions.push(
    decorations,
    vscode.window.onDidChangeVisibleTextEditors(() => decorations.applyAll()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme === REVIEW_SCHEME) decorations.applyAll();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === REVIEW_SCHEME) decorations.forget(d.uri);
    }),
    followDiagnostics(reviewViews),
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, reviewViews),
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RuleDocProvider()),
  );

  // Review views follow their document: refresh them when the file or the configuration changes.
  const watcher = vscode.workspace.createFileSystemWatcher(BINARY_GLOB);
  const refreshView = (uri: vscode.Uri) => reviewViews.emitter.fire(vscode.Uri.parse(reviewUriFor(uri.toString())));
  const refreshOpenViews = () => {
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === REVIEW_SCHEME) reviewViews.emitter.fire(d.uri);
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.dicomsec.{yaml,yml}');
  context.subscriptions.push(
    watcher,
    configWatcher,
    watcher.onDidChange(refreshView),
    watcher.onDidCreate(refreshView),
    configWatcher.onDidChange(refreshOpenViews),
    configWatcher.onDidCreate(refreshOpenViews),
  );

  registerCommands(context, reviewViews, output);
  createStatusBar(context);
  offerReviewViews(context);

  client = createClient(context, output);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      output.appendLine('dicomsec: workspace trusted; restarting with workspace rule packs');
      await client?.stop();
      client = createClient(context, output);
      await client.start();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
