// The dicomsec language server: a thin adapter over the engine. Vendor files are parsed in a
// worker pool with a time budget; this thread only maps findings to LSP.
//
// Started three ways: by the VS Code extension (node IPC), as `dicomsec lsp --stdio` (the CLI calls
// startServer()), and as `node dist/server.mjs --stdio`. The same bundle, loaded as a worker
// thread, runs the review worker instead.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findConfigFile } from '../config/config.js';
import { documentGlob, writeWaiver } from '../config/write-waiver.js';
import { limits } from '../core/limits.js';
import type { ReviewOptions } from '../engine/review.js';
import { configCompletion, configDiagnostics, configHover, configKindOf, type ConfigKind, type KnownRules } from './config-files.js';
import { diagnosticsFor, findingsAt, UNREADABLE_CODE, type MapOptions, type Placement } from './diagnostics.js';
import { EXPORT_FORMATS, type ExportedReport } from './export.js';
import {
  AddWaiverRequest,
  ClientCommands,
  DIAGNOSTIC_SOURCE,
  documentUriOf,
  ExportFormatsRequest,
  ExportReportRequest,
  extensionOf,
  isBinaryPath,
  isTextPath,
  REVIEW_SCHEME,
  ReviewedNotification,
  reviewUriFor,
  ReviewViewRequest,
  ReviewWorkspaceRequest,
  RuleCatalogueRequest,
  RuleDocumentationRequest,
  ServerCommands,
  type AddWaiverParams,
  type AddWaiverResult,
  type DiagnosticData,
  type ExportReportParams,
  type InitializationOptions,
  type ReviewedNotificationParams,
  type ReviewViewParams,
  type ReviewViewResult,
  type ReviewWorkspaceParams,
  type ReviewWorkspaceResult,
  type RuleDocumentationParams,
  type RuleDocumentationResult,
  type RuleSummary,
  type Settings,
} from './protocol.js';
import { catalogueDocument, findingHover, ruleDocumentation } from './rule-docs.js';
import type { RuleInfo } from './review-worker.js';
import { ReviewService, type ReviewEntry } from './reviews.js';
import { textSymbols, viewSymbols } from './symbols.js';
import { WorkerPool } from './worker-pool.js';

const WORKER_ROLE = 'dicomsec-review-worker';
/** Quiet time after an edit before a text document is reviewed again. */
const TEXT_DEBOUNCE_MS = 300;
/** How long a workspace pull waits for a change before answering "unchanged" again. */
const WORKSPACE_POLL_MS = 30_000;

export interface ServerOptions {
  connection?: Connection;
  /** The module a review worker runs; by default the server bundle itself. */
  workerScript?: string | URL;
  workers?: number;
}

function defaultWorkerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  const candidates = [here, path.join(dir, 'server.mjs'), path.join(dir, '..', 'server.mjs')];
  const found = candidates.find((c) => /server\.m?js$/.test(c) && existsSync(c));
  if (!found) throw new Error(`dicomsec: cannot find the server bundle next to ${here} to start review workers`);
  return found;
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = (m: string) => connection.console.log(m);

  let trusted = true;
  let clientCommands = false;
  let virtualDocuments = false;
  let pullMode = false;
  let configurationPull = false;
  let watcherRegistration = false;
  let folderEvents = false;
  let settings: Settings = {};
  let folders: string[] = [];
  /** The URI strings the client uses, by file path, so answers echo them exactly. */
  const uriByPath = new Map<string, string>();

  const pool = new WorkerPool({
    script: options.workerScript ?? defaultWorkerScript(),
    size: options.workers ?? Math.max(1, Math.min(2, os.availableParallelism?.() ?? 2)),
    workerData: { role: WORKER_ROLE },
    log,
  });

  const folderOf = (p: string) => folders.find((f) => p === f || p.startsWith(f + path.sep));
  const reviewOptions = (p: string): ReviewOptions => ({
    cwd: folderOf(p) ?? path.dirname(p),
    trusted,
    overrides: { packs: settings.packs, rules: settings.rules },
  });
  const reviews = new ReviewService(pool, reviewOptions, log);
  const uriFor = (p: string) => uriByPath.get(p) ?? pathToFileURL(p).href;
  const remember = (uri: string) => {
    const p = uriToPath(uri);
    if (p && !uriByPath.has(p)) uriByPath.set(p, uri);
    return p;
  };

  reviews.onReviewed = (entry) => {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of entry.review.findings) counts[f.severity]++;
    const params: ReviewedNotificationParams = {
      uri: uriFor(entry.path),
      status: entry.review.status,
      ...counts,
      waived: entry.review.waived.length,
      ms: entry.ms,
    };
    log(`reviewed ${entry.path} in ${entry.ms} ms: ${entry.review.status}${entry.review.error ? ` (${entry.review.error})` : ''}, ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${params.waived} waived`);
    void connection.sendNotification(ReviewedNotification, params);
  };

  // ---- change signalling for the long-running workspace pull ----
  let changed: () => void = () => {};
  let changeSignal = new Promise<void>((r) => (changed = r));
  const signalChange = () => {
    const fire = changed;
    changeSignal = new Promise<void>((r) => (changed = r));
    fire();
  };

  // ---- rule knowledge for config files ----
  let known: KnownRules | undefined;
  let knownLoading: Promise<KnownRules | undefined> | undefined;
  const loadKnown = (): Promise<KnownRules | undefined> => {
    if (known) return Promise.resolve(known);
    knownLoading ??= pool
      .run<RuleInfo[]>({ type: 'catalogue', path: folders[0] ?? process.cwd(), options: { trusted }, all: true }, limits.timeoutMs)
      .then((rules) => {
        known = { rules: new Map(rules.map((r) => [r.id, r])), packs: new Set(rules.map((r) => r.pack)) };
        for (const r of rules) if (!reviews.rules.has(r.id)) reviews.rules.set(r.id, r);
        return known;
      })
      .catch((err: Error) => {
        log(`cannot load the rule catalogue: ${err.message}`);
        return undefined;
      })
      .finally(() => (knownLoading = undefined));
    return knownLoading;
  };

  // ---- reviewing a document by URI ----
  type Target = { kind: 'review'; placement: Placement; path: string; docUri: string } | { kind: 'config'; configKind: ConfigKind; path: string; text: string } | { kind: 'none' };

  const textOf = (uri: string) => documents.get(uri)?.getText();

  async function targetOf(uri: string): Promise<Target> {
    const docUri = documentUriOf(uri);
    const p = remember(docUri);
    if (!p) return { kind: 'none' };
    if (uri.startsWith(`${REVIEW_SCHEME}:`)) return { kind: 'review', placement: 'view', path: p, docUri };
    const ext = extensionOf(p);
    if (ext === 'yaml' || ext === 'yml') {
      let text = textOf(uri);
      if (text === undefined) {
        try {
          text = await (await import('node:fs/promises')).readFile(p, 'utf8');
        } catch {
          return { kind: 'none' };
        }
      }
      const configKind = configKindOf(p, text);
      return configKind ? { kind: 'config', configKind, path: p, text } : { kind: 'none' };
    }
    if (isBinaryPath(p)) return { kind: 'review', placement: ext === 'csv' ? 'text' : 'binary', path: p, docUri };
    if (isTextPath(p)) return { kind: 'review', placement: 'text', path: p, docUri };
    return { kind: 'none' };
  }

  /** The current review of a document: the editor's text when it is open as text, else the file. */
  async function reviewOf(docUri: string, p: string, debounce = false): Promise<ReviewEntry> {
    const open = documents.get(docUri);
    if (open && (isTextPath(p) || extensionOf(p) === 'csv')) {
      if (debounce) {
        const version = open.version;
        await delay(TEXT_DEBOUNCE_MS);
        const now = documents.get(docUri);
        if (now && now.version !== version) return reviewOf(docUri, p, true);
      }
      const doc = documents.get(docUri) ?? open;
      return reviews.reviewText(p, doc.version, doc.getText());
    }
    return reviews.reviewDisk(p);
  }

  function mapOptions(placement: Placement, uri: string, docUri: string, entry: ReviewEntry): MapOptions {
    const o: MapOptions = { placement, uri, documentUri: docUri, virtualDocuments, includeWaived: placement !== 'binary' };
    if (placement === 'text') {
      const text = textOf(docUri);
      if (text !== undefined) o.lines = text.split(/\r?\n/);
    }
    if (placement === 'view' || (placement === 'binary' && virtualDocuments)) o.view = reviews.viewOf(entry);
    return o;
  }

  async function diagnosticsOf(uri: string, debounce = false): Promise<{ items: Diagnostic[]; resultId?: string }> {
    const t = await targetOf(uri);
    if (t.kind === 'none') return { items: [] };
    if (t.kind === 'config') return { items: configDiagnostics(t.configKind, t.path, t.text, await loadKnown()) };
    const entry = await reviewOf(t.docUri, t.path, debounce);
    return { items: diagnosticsFor(entry, mapOptions(t.placement, uri, t.docUri, entry)), resultId: entry.key };
  }

  // ---- push mode (clients without pull diagnostics) ----
  const pushTimers = new Map<string, NodeJS.Timeout>();
  function schedulePush(uri: string, ms = TEXT_DEBOUNCE_MS): void {
    if (pullMode) return;
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(
      uri,
      setTimeout(() => {
        pushTimers.delete(uri);
        diagnosticsOf(uri).then(
          ({ items }) => connection.sendDiagnostics({ uri, diagnostics: items }),
          (err: Error) => log(`diagnostics for ${uri} failed: ${err.message}`),
        );
      }, ms),
    );
  }

  // ---- workspace ----
  async function discover(inputs?: string[]): Promise<string[]> {
    const roots = inputs?.length ? inputs : folders;
    if (!roots.length) return [];
    const files = await pool.run<string[]>({ type: 'discover', inputs: roots, cwd: roots[0]! }, limits.timeoutMs);
    return files.filter((f) => isBinaryPath(f) || isTextPath(f));
  }

  function refreshAll(): void {
    signalChange();
    if (pullMode) {
      connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      for (const d of documents.all()) schedulePush(d.uri, 10);
      for (const e of reviews.all()) if (!documents.get(uriFor(e.path))) schedulePush(uriFor(e.path), 10);
    }
  }

  function configurationChanged(): void {
    reviews.invalidateAll();
    known = undefined;
    pool.recycle();
    refreshAll();
  }

  async function fetchSettings(): Promise<void> {
    if (!configurationPull) return;
    try {
      const s = (await connection.workspace.getConfiguration('dicomsec')) as Settings | null;
      settings = s ?? {};
    } catch (err) {
      log(`cannot read settings: ${(err as Error).message}`);
    }
  }

  // ---- lifecycle ----
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = init.trusted !== false;
    clientCommands = !!init.clientCommands;
    virtualDocuments = !!init.virtualDocuments;
    const caps = params.capabilities;
    pullMode = !!caps.textDocument?.diagnostic;
    configurationPull = !!caps.workspace?.configuration;
    watcherRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    folderEvents = !!caps.workspace?.workspaceFolders;
    const wf = params.workspaceFolders?.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    folders = wf?.length ? wf : params.rootUri ? [uriToPath(params.rootUri)].filter((p): p is string => !!p) : params.rootPath ? [params.rootPath] : [];
    log(`dicomsec language server: ${folders.length} folder(s), ${trusted ? 'trusted' : 'restricted mode (no workspace rule packs)'}, ${pullMode ? 'pull' : 'push'} diagnostics`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: pullMode ? { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: false, workspaceDiagnostics: true } : undefined,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: [':', '-'] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dicomsec', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    void fetchSettings();
    if (watcherRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{xlsx,xlsm,xls,ods,csv,pdf,docx,odt}' },
          { globPattern: '**/*.{md,markdown,txt,html,htm,xhtml,rst,xml,tex}' },
          { globPattern: '**/*.{yaml,yml}' },
        ],
      });
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const r of e.removed) folders = folders.filter((f) => f !== uriToPath(r.uri));
        for (const a of e.added) {
          const p = uriToPath(a.uri);
          if (p) folders.push(p);
        }
        refreshAll();
      });
    }
    if (!pullMode && settings.reviewWorkspace !== false) {
      // Push clients get the workspace's binary documents once at start.
      void reviewWorkspace({}).catch((err: Error) => log(`workspace review failed: ${err.message}`));
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (!configurationPull) settings = ((change.settings as { dicomsec?: Settings } | null)?.dicomsec ?? {}) as Settings;
    void fetchSettings().then(configurationChanged);
  });

  connection.onDidChangeWatchedFiles((params) => {
    let config = false;
    for (const c of params.changes) {
      const p = uriToPath(c.uri);
      if (!p) continue;
      const ext = extensionOf(p);
      if (ext === 'yaml' || ext === 'yml') {
        config = true;
        continue;
      }
      if (c.type === FileChangeType.Deleted) {
        reviews.forget(p);
        if (!pullMode) connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
      } else if (!pullMode && (isBinaryPath(p) || isTextPath(p)) && !documents.get(c.uri)) {
        schedulePush(c.uri, 50);
      }
    }
    if (config) configurationChanged();
    else {
      signalChange();
      if (pullMode) connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  });

  documents.onDidOpen((e) => {
    remember(e.document.uri);
    schedulePush(e.document.uri, 10);
  });
  documents.onDidChangeContent((e) => schedulePush(e.document.uri));
  documents.onDidClose((e) => {
    const p = uriToPath(documentUriOf(e.document.uri));
    if (p && (isTextPath(p) || extensionOf(p) === 'csv')) reviews.forget(p);
    if (!pullMode && !(p && isBinaryPath(p))) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  documents.onDidSave((e) => {
    const p = uriToPath(e.document.uri);
    if (p && configKindOf(p, e.document.getText())) configurationChanged();
  });

  // ---- pull diagnostics ----
  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const { items, resultId } = await diagnosticsOf(params.textDocument.uri, true);
    if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (resultId && params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, items, resultId };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
    const previous = new Map(params.previousResultIds.map((r) => [r.uri, r.value]));
    const waitFor = changeSignal;
    if (settings.reviewWorkspace === false) return { items: [] };
    const files = await discover().catch((err: Error) => {
      log(`cannot list workspace documents: ${err.message}`);
      return [] as string[];
    });
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    let fresh = 0;
    for (const file of files) {
      if (token.isCancellationRequested) break;
      const uri = uriFor(file);
      if (documents.get(uri)) continue;
      const key = await reviews.diskKey(file);
      let report: WorkspaceDocumentDiagnosticReport;
      if (key && previous.get(uri) === key) {
        report = { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId: key, version: null };
      } else {
        const entry = await reviews.reviewDisk(file);
        const placement: Placement = isBinaryPath(file) && extensionOf(file) !== 'csv' ? 'binary' : 'text';
        report = { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: entry.key, items: diagnosticsFor(entry, mapOptions(placement, uri, uri, entry)) };
        fresh++;
      }
      if (resultProgress) resultProgress.report({ items: [report] });
      else items.push(report);
    }
    if (fresh === 0 && !token.isCancellationRequested) {
      // Nothing new: hold the request until something changes, as the protocol allows.
      await Promise.race([waitFor, delay(WORKSPACE_POLL_MS), new Promise<void>((r) => token.onCancellationRequested(() => r()))]);
    }
    return { items };
  });

  // ---- hover ----
  connection.onHover(async (params) => {
    const t = await targetOf(params.textDocument.uri);
    if (t.kind === 'config') return configHover(t.configKind, t.text, params.position, await loadKnown());
    if (t.kind !== 'review' || t.placement === 'binary') return null;
    const entry = await reviewOf(t.docUri, t.path);
    const at = findingsAt(entry, mapOptions(t.placement, params.textDocument.uri, t.docUri, entry), params.position.line);
    if (!at.length) return null;
    const value = at.map(({ finding, waived }) => findingHover(finding, entry.rules[finding.ruleId] ?? reviews.rules.get(finding.ruleId), waived)).join('\n\n---\n\n');
    return { contents: { kind: 'markdown', value } };
  });

  // ---- code actions ----
  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const data = d.data as DiagnosticData | undefined;
      if (!data?.ruleId || data.ruleId === UNREADABLE_CODE) continue;
      const rule = reviews.rules.get(data.ruleId);
      const where = data.questionId ? ` (${data.questionId})` : data.section ? ` (§ ${data.section})` : '';
      if (!data.waived) {
        const args: Omit<AddWaiverParams, 'justification'> = {
          uri: data.documentUri,
          ruleId: data.ruleId,
          questionId: data.questionId,
          section: data.questionId ? undefined : data.section,
          thisDocumentOnly: true,
        };
        actions.push({
          title: `Waive ${data.ruleId}${where} for this document with a justification…`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: 'Waive finding', command: clientCommands ? ClientCommands.waive : ServerCommands.waive, arguments: [args] },
        });
      }
      const followUp = data.followUp ?? rule?.question;
      if (followUp) {
        actions.push({
          title: clientCommands ? `Copy the vendor follow-up question for ${data.ruleId}` : `Show the vendor follow-up question for ${data.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: 'Vendor follow-up question', command: clientCommands ? ClientCommands.copyQuestion : ServerCommands.showQuestion, arguments: [followUp, data.ruleId] },
        });
      }
      actions.push({
        title: `Open the documentation of ${data.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: 'Rule documentation', command: clientCommands ? ClientCommands.openRule : ServerCommands.showRule, arguments: [data.ruleId] },
      });
    }
    return actions;
  });

  // ---- symbols ----
  connection.onDocumentSymbol(async (params) => {
    const t = await targetOf(params.textDocument.uri);
    if (t.kind !== 'review' || t.placement === 'binary') return [];
    const entry = await reviewOf(t.docUri, t.path);
    if (t.placement === 'view') return viewSymbols(reviews.viewOf(entry).symbols);
    return textSymbols(entry, documents.get(t.docUri)?.lineCount ?? 0);
  });

  // ---- completion (config and rule packs) ----
  connection.onCompletion(async (params) => {
    const t = await targetOf(params.textDocument.uri);
    if (t.kind !== 'config') return [];
    return configCompletion(t.configKind, t.text, params.position, await loadKnown());
  });

  // ---- custom requests ----
  connection.onRequest(ReviewViewRequest, async (params: ReviewViewParams): Promise<ReviewViewResult> => {
    const docUri = documentUriOf(params.uri);
    const p = remember(docUri);
    if (!p) throw new Error(`not a file: ${params.uri}`);
    const entry = await reviewOf(docUri, p);
    return { uri: docUri, reviewUri: reviewUriFor(docUri), text: reviews.viewOf(entry).text, status: entry.review.status };
  });

  async function addWaiver(params: AddWaiverParams): Promise<AddWaiverResult> {
    const docUri = documentUriOf(params.uri);
    const p = uriToPath(docUri);
    if (!p) throw new Error(`not a file: ${params.uri}`);
    const configPath = findConfigFile(p) ?? path.join(folderOf(p) ?? path.dirname(p), '.dicomsec.yaml');
    const written = writeWaiver(configPath, {
      rule: params.ruleId,
      documents: params.thisDocumentOnly === false ? undefined : documentGlob(configPath, p),
      question: params.questionId,
      section: params.section,
      justification: params.justification,
      expires: params.expires,
      by: params.by,
    });
    log(`waiver for ${params.ruleId} written to ${written.file}:${written.line}`);
    configurationChanged();
    return { configPath: written.file, created: written.created, line: written.line };
  }
  connection.onRequest(AddWaiverRequest, addWaiver);

  connection.onRequest(ExportFormatsRequest, () => EXPORT_FORMATS);

  connection.onRequest(ExportReportRequest, async (params: ExportReportParams) => {
    const inputs = (params.uris ?? []).map((u) => uriToPath(documentUriOf(u))).filter((p): p is string => !!p);
    const roots = inputs.length ? inputs : folders;
    if (!roots.length) throw new Error('open a folder of vendor documents first');
    return pool.run<ExportedReport>(
      { type: 'export', inputs: roots, format: params.format, options: { cwd: folderOf(roots[0]!) ?? path.dirname(roots[0]!), trusted, overrides: { packs: settings.packs, rules: settings.rules } } },
      limits.timeoutMs * 20,
    );
  });

  async function catalogue(): Promise<RuleInfo[]> {
    return pool.run<RuleInfo[]>(
      { type: 'catalogue', path: folders[0] ?? process.cwd(), options: { trusted, overrides: { packs: settings.packs, rules: settings.rules } } },
      limits.timeoutMs,
    );
  }

  connection.onRequest(RuleCatalogueRequest, async (): Promise<RuleSummary[]> =>
    (await catalogue()).map((r) => ({ id: r.id, title: r.title, severity: r.severity, appliesTo: r.appliesTo, pack: r.pack, frameworks: r.frameworks as Record<string, string[]> })),
  );

  async function ruleDoc(ruleId: string): Promise<string> {
    if (ruleId === 'catalogue') return catalogueDocument(await catalogue());
    let rule = reviews.rules.get(ruleId);
    if (!rule) rule = (await loadKnown())?.rules.get(ruleId);
    if (!rule) return `# ${ruleId}\n\nThis rule is not in the catalogue in force (a custom pack that is not loaded, or a pack turned off).\n`;
    return ruleDocumentation(rule);
  }
  connection.onRequest(RuleDocumentationRequest, async (params: RuleDocumentationParams): Promise<RuleDocumentationResult> => ({ ruleId: params.ruleId, markdown: await ruleDoc(params.ruleId) }));

  async function reviewWorkspace(params: ReviewWorkspaceParams): Promise<ReviewWorkspaceResult> {
    const inputs = (params.uris ?? []).map((u) => uriToPath(documentUriOf(u))).filter((p): p is string => !!p);
    const files = await discover(inputs);
    const result: ReviewWorkspaceResult = { documents: files.length, unreadable: 0, error: 0, warning: 0, info: 0, waived: 0 };
    for (const file of files) {
      const uri = uriFor(file);
      const entry = await reviewOf(uri, file);
      if (entry.review.status === 'unreadable') result.unreadable++;
      for (const f of entry.review.findings) result[f.severity]++;
      result.waived += entry.review.waived.length;
      if (!pullMode) {
        const placement: Placement = documents.get(uri) || !isBinaryPath(file) || extensionOf(file) === 'csv' ? 'text' : 'binary';
        connection.sendDiagnostics({ uri, diagnostics: diagnosticsFor(entry, mapOptions(placement, uri, uri, entry)) });
      }
    }
    if (pullMode) {
      signalChange();
      connection.languages.diagnostics.refresh().catch(() => undefined);
    }
    return result;
  }
  connection.onRequest(ReviewWorkspaceRequest, (params: ReviewWorkspaceParams | undefined) => reviewWorkspace(params ?? {}));

  // ---- server-side commands, for clients without the VS Code extension ----
  connection.onExecuteCommand(async (params) => {
    const args = params.arguments ?? [];
    switch (params.command) {
      case ServerCommands.waive: {
        const a = args[0] as AddWaiverParams;
        const written = await addWaiver({ ...a, justification: a.justification ?? 'TODO: state why this gap is accepted (compensating control, risk owner)' });
        await connection.window
          .showDocument({ uri: pathToFileURL(written.configPath).href, takeFocus: true, selection: { start: { line: written.line - 1, character: 0 }, end: { line: written.line - 1, character: 0 } } })
          .catch(() => undefined);
        connection.window.showInformationMessage(`Waiver for ${a.ruleId} added to ${written.configPath}; write its justification there.`);
        return written;
      }
      case ServerCommands.showQuestion:
        connection.window.showInformationMessage(`${String(args[1] ?? '')}: ${String(args[0] ?? '')}`);
        return null;
      case ServerCommands.showRule: {
        const rule = reviews.rules.get(String(args[0]));
        connection.window.showInformationMessage(rule ? `${rule.id} — ${rule.title}: ${rule.rationale}` : String(args[0]));
        return null;
      }
    }
    return null;
  });

  connection.onShutdown(() => {
    pool.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

// Loaded as a review worker, or run directly as the server entry.
if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  const { runWorker } = await import('./review-worker.js');
  runWorker();
} else if (isMainThread && /^server\.m?js$/.test(path.basename(process.argv[1] ?? ''))) {
  startServer();
}
