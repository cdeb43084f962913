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
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Command,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  type SymbolInformation,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findConfigFile } from '../config/config.js';
import { documentGlob, writeWaiver } from '../config/write-waiver.js';
import { limits } from '../core/limits.js';
import type { ReviewOptions } from '../engine/review.js';
import { configCompletion, configDiagnostics, configHover, configKindOf, type ConfigKind, type KnownRules } from './config-files.js';
import { CrossService } from './cross.js';
import { diagnosticsFor, findingsAt, placedHover, UNREADABLE_CODE, viewFindings, type EvidenceLocator, type MapOptions, type Placement } from './diagnostics.js';
import { viewLineFor } from '../presenters/review-view.js';
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
/** How long the workspace's document list is reused when no file was created or deleted. */
const WORKSPACE_LIST_TTL_MS = 30_000;
/**
 * How long a document pull waits for the cross-document check (which needs every form and
 * statement of the workspace reviewed) before answering with what is known; a later change is
 * announced with a refresh.
 */
const CROSS_WAIT_MS = 2_000;

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
  let viewDecorations = false;
  let refreshSupport = false;
  let hoverMarkdown = true;
  let codeActionLiterals = true;
  let hierarchicalSymbols = true;
  let showDocumentSupport = false;
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
  const cross = new CrossService(pool, reviewOptions, log);
  const uriFor = (p: string) => uriByPath.get(p) ?? pathToFileURL(p).href;
  const ruleInfo = (id: string) => reviews.rules.get(id) ?? cross.rules.get(id);
  /** Binary documents (never text in an editor): workbooks, PDF, Word; not CSV. */
  const isBinaryDocument = (p: string) => isBinaryPath(p) && extensionOf(p) !== 'csv';
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

  /** Where another document's evidence is shown: its review view line, or its own line. */
  const locate: EvidenceLocator = (e) => {
    if (!e.path) return undefined;
    const uri = uriFor(e.path);
    if (isBinaryDocument(e.path)) {
      if (!virtualDocuments) return { uri, line: 0 };
      const other = reviews.get(e.path);
      const line = other && other.review.status === 'reviewed' ? viewLineFor(reviews.viewOf(other), e) : undefined;
      return { uri: reviewUriFor(uri), line: line ?? 0 };
    }
    if (e.line !== undefined && e.line > 0 && e.page === undefined) return { uri, line: e.line - 1 };
    const row = e.cell ? /\d+$/.exec(e.cell)?.[0] : undefined;
    return { uri, line: row ? Number(row) - 1 : 0 };
  };

  function mapOptions(placement: Placement, uri: string, docUri: string, entry: ReviewEntry): MapOptions {
    const o: MapOptions = {
      placement,
      uri,
      documentUri: docUri,
      virtualDocuments,
      includeWaived: placement !== 'binary',
      cross: cross.findingsFor(entry.path).map((c) => ({ finding: c.finding, partnerPath: c.partnerPath, mds2Uri: uriFor(c.mds2Path) })),
      locate,
      rules: ruleInfo,
    };
    if (placement === 'text') {
      const text = textOf(docUri);
      if (text !== undefined) o.lines = text.split(/\r?\n/);
    }
    if (placement === 'view' || (placement === 'binary' && virtualDocuments)) o.view = reviews.viewOf(entry);
    return o;
  }

  /** Result id of a document's diagnostics: its review and its cross findings. */
  const resultIdOf = (entry: ReviewEntry) => `${entry.key}#${cross.printFor(entry.path)}`;

  async function diagnosticsOf(uri: string, debounce = false): Promise<{ items: Diagnostic[]; resultId?: string }> {
    const t = await targetOf(uri);
    if (t.kind === 'none') return { items: [] };
    if (t.kind === 'config') return { items: configDiagnostics(t.configKind, t.path, t.text, await loadKnown()) };
    // Review views carry no diagnostics: Problems lists each finding once, on the real document.
    // The client draws the view's findings from ReviewViewResult.findings.
    if (t.placement === 'view') return { items: [] };
    const entry = await reviewOf(t.docUri, t.path, debounce);
    await crossFor(entry);
    return { items: diagnosticsFor(entry, mapOptions(t.placement, uri, t.docUri, entry)), resultId: resultIdOf(entry) };
  }

  // ---- cross-document findings ----
  /** Only forms and statements that could be read take part in cross checks. */
  const takesPart = (entry: ReviewEntry) =>
    entry.review.status === 'reviewed' && (entry.review.model?.kind === 'mds2' || entry.review.model?.kind === 'conformance-statement');

  /** Every document that takes part in cross checks, in discovery order (it decides pairing, as in the CLI). */
  async function crossEntries(current?: ReviewEntry): Promise<ReviewEntry[]> {
    const paths: string[] = [];
    const seen = new Set<string>();
    const add = (p: string) => {
      if (!seen.has(p)) seen.add(p), paths.push(p);
    };
    if (settings.reviewWorkspace !== false) for (const f of await workspaceFiles()) add(f);
    for (const d of documents.all()) {
      const p = uriToPath(d.uri);
      if (p && (isBinaryPath(p) || isTextPath(p))) add(p);
    }
    // Documents the client asked about outside the workspace folders (a file opened on its own).
    for (const e of reviews.all()) if (takesPart(e)) add(e.path);
    if (current) add(current.path);
    // One at a time, as the workspace pull does: the editor's own requests keep their turn in the pool.
    const out: ReviewEntry[] = [];
    for (const p of paths) out.push(p === current?.path ? current : await reviewOf(uriFor(p), p));
    return out;
  }

  /** Starts a cross update; waits for it (up to CROSS_WAIT_MS) only when the document takes part. */
  async function crossFor(entry: ReviewEntry): Promise<void> {
    const done = updateCross(entry);
    if (takesPart(entry) || cross.findingsFor(entry.path).length) await Promise.race([done, delay(CROSS_WAIT_MS)]);
  }

  /** Recomputes cross findings; documents whose cross findings changed are refreshed. */
  async function updateCross(current?: ReviewEntry): Promise<void> {
    let changed: string[];
    try {
      changed = await cross.update(await crossEntries(current));
    } catch (err) {
      log(`cross-document review failed: ${(err as Error).message}`);
      return;
    }
    if (!changed.length) return;
    log(`cross-document findings changed on ${changed.map((p) => path.basename(p)).join(', ')}`);
    signalChange();
    if (pullMode) refreshDiagnostics();
    else for (const p of changed) schedulePush(uriFor(p), 10);
  }

  function refreshDiagnostics(): void {
    if (refreshSupport) connection.languages.diagnostics.refresh().catch(() => undefined);
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

  /** The workspace's documents, listed again when files are created or deleted (or after a while, for clients without watchers). */
  let workspaceList: { at: number; files: Promise<string[]> } | undefined;
  function workspaceFiles(): Promise<string[]> {
    if (!workspaceList || Date.now() - workspaceList.at > WORKSPACE_LIST_TTL_MS) {
      const files = discover().catch((err: Error) => {
        log(`cannot list workspace documents: ${err.message}`);
        workspaceList = undefined;
        return [] as string[];
      });
      workspaceList = { at: Date.now(), files };
    }
    return workspaceList.files;
  }

  function refreshAll(): void {
    workspaceList = undefined;
    signalChange();
    if (pullMode) {
      refreshDiagnostics();
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
    viewDecorations = !!init.viewDecorations;
    const caps = params.capabilities;
    pullMode = !!caps.textDocument?.diagnostic && init.diagnostics !== 'push';
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    hoverMarkdown = !!caps.textDocument?.hover?.contentFormat?.includes('markdown');
    codeActionLiterals = !!caps.textDocument?.codeAction?.codeActionLiteralSupport;
    hierarchicalSymbols = !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    showDocumentSupport = !!caps.window?.showDocument?.support;
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
      if (c.type !== FileChangeType.Changed) workspaceList = undefined;
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
      if (pullMode) refreshDiagnostics();
      // Cross findings of the documents paired with a changed file.
      void updateCross();
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
    // The file on disk takes the place of the editor's text in cross checks.
    if (p) void updateCross();
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
    const files = await workspaceFiles();
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    /** What this answer already said about each document (its result id). */
    const sent = new Map<string, string>();
    let fresh = 0;
    const report = (file: string, entry: ReviewEntry) => {
      const uri = uriFor(file);
      const resultId = resultIdOf(entry);
      if (sent.get(uri) === resultId) return;
      let r: WorkspaceDocumentDiagnosticReport;
      if (!sent.has(uri) && previous.get(uri) === resultId) {
        r = { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null };
      } else {
        const placement: Placement = isBinaryDocument(file) ? 'binary' : 'text';
        r = { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: diagnosticsFor(entry, mapOptions(placement, uri, uri, entry)) };
        fresh++;
      }
      sent.set(uri, resultId);
      if (resultProgress) resultProgress.report({ items: [r] });
      else {
        const i = items.findIndex((x) => x.uri === uri);
        if (i >= 0) items[i] = r;
        else items.push(r);
      }
    };
    const reviewed = new Map<string, ReviewEntry>();
    for (const file of files) {
      if (token.isCancellationRequested) break;
      if (documents.get(uriFor(file))) continue;
      const entry = await reviews.reviewDisk(file);
      reviewed.set(file, entry);
      report(file, entry);
    }
    if (!token.isCancellationRequested) {
      // Cross findings need every form and statement: report again the documents they changed.
      await updateCross();
      for (const [file, entry] of reviewed) report(file, entry);
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
    // A client that draws review-view findings as decorations shows their hover itself.
    if (t.placement === 'view' && viewDecorations) return null;
    const entry = await reviewOf(t.docUri, t.path);
    const o = mapOptions(t.placement, params.textDocument.uri, t.docUri, entry);
    const at = findingsAt(entry, o, params.position.line);
    if (!at.length) return null;
    const value = at
      .map((p) => (p.finding.ruleId === UNREADABLE_CODE ? String(p.diagnostic.message) : placedHover(p, entry, o, findingHover)))
      .join('\n\n---\n\n');
    return { contents: { kind: hoverMarkdown ? 'markdown' : 'plaintext', value } };
  });

  // ---- code actions ----
  connection.onCodeAction(async (params): Promise<(CodeAction | Command)[]> => {
    let diagnostics = params.context.diagnostics;
    // Review views have no diagnostics: their actions come from the findings on the selected lines.
    let attach = true;
    if (params.textDocument.uri.startsWith(`${REVIEW_SCHEME}:`)) {
      const t = await targetOf(params.textDocument.uri);
      if (t.kind !== 'review') return [];
      const entry = await reviewOf(t.docUri, t.path);
      diagnostics = findingsAt(entry, mapOptions('view', params.textDocument.uri, t.docUri, entry), params.range.start.line, params.range.end.line).map((p) => p.diagnostic);
      attach = false;
    }
    const actions = codeActionsFor(diagnostics, attach);
    // Clients without code-action literals take plain commands.
    return codeActionLiterals ? actions : actions.map((a) => a.command!).filter(Boolean);
  });

  function codeActionsFor(diagnostics: Diagnostic[], attach: boolean): CodeAction[] {
    const actions: CodeAction[] = [];
    const seen = new Set<string>();
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const data = d.data as DiagnosticData | undefined;
      if (!data?.ruleId || data.ruleId === UNREADABLE_CODE) continue;
      const rule = ruleInfo(data.ruleId);
      const where = data.questionId ? ` (${data.questionId})` : data.section ? ` (§ ${data.section})` : '';
      const once = `${data.ruleId}\u0000${where}\u0000${data.documentUri}`;
      if (seen.has(once)) continue;
      seen.add(once);
      const on = attach ? { diagnostics: [d] } : {};
      if (!data.waived) {
        const args: Omit<AddWaiverParams, 'justification'> = {
          uri: data.documentUri,
          ruleId: data.ruleId,
          questionId: data.questionId,
          section: data.questionId ? undefined : data.section,
          thisDocumentOnly: true,
        };
        actions.push({
          title: data.cross
            ? `Waive ${data.ruleId}${where} for this form and statement with a justification…`
            : `Waive ${data.ruleId}${where} for this document with a justification…`,
          kind: CodeActionKind.QuickFix,
          ...on,
          command: { title: 'Waive finding', command: clientCommands ? ClientCommands.waive : ServerCommands.waive, arguments: [args] },
        });
      }
      const followUp = data.followUp ?? rule?.question;
      if (followUp) {
        actions.push({
          title: clientCommands ? `Copy the vendor follow-up question for ${data.ruleId}` : `Show the vendor follow-up question for ${data.ruleId}`,
          kind: CodeActionKind.QuickFix,
          ...on,
          command: { title: 'Vendor follow-up question', command: clientCommands ? ClientCommands.copyQuestion : ServerCommands.showQuestion, arguments: [followUp, data.ruleId] },
        });
      }
      actions.push({
        title: `Open the documentation of ${data.ruleId}`,
        kind: CodeActionKind.QuickFix,
        ...on,
        command: { title: 'Rule documentation', command: clientCommands ? ClientCommands.openRule : ServerCommands.showRule, arguments: [data.ruleId] },
      });
    }
    return actions;
  }

  // ---- symbols ----
  connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[] | SymbolInformation[]> => {
    const t = await targetOf(params.textDocument.uri);
    if (t.kind !== 'review' || t.placement === 'binary') return [];
    const entry = await reviewOf(t.docUri, t.path);
    const symbols = t.placement === 'view' ? viewSymbols(reviews.viewOf(entry).symbols) : textSymbols(entry, documents.get(t.docUri)?.lineCount ?? 0);
    if (hierarchicalSymbols) return symbols;
    // Clients without hierarchical symbols take a flat list with container names.
    const flat: SymbolInformation[] = [];
    const walk = (list: DocumentSymbol[], container?: string) => {
      for (const s of list) {
        flat.push({ name: s.name, kind: s.kind, location: { uri: params.textDocument.uri, range: s.range }, containerName: container });
        if (s.children) walk(s.children, s.name);
      }
    };
    walk(symbols);
    return flat;
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
    await crossFor(entry);
    const reviewUri = reviewUriFor(docUri);
    const findings = viewFindings(entry, mapOptions('view', reviewUri, docUri, entry), findingHover);
    return { uri: docUri, reviewUri, text: reviews.viewOf(entry).text, status: entry.review.status, findings };
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
    let rule = ruleInfo(ruleId);
    if (!rule) rule = (await loadKnown())?.rules.get(ruleId);
    if (!rule) return `# ${ruleId}\n\nThis rule is not in the catalogue in force (a custom pack that is not loaded, or a pack turned off).\n`;
    return ruleDocumentation(rule);
  }
  connection.onRequest(RuleDocumentationRequest, async (params: RuleDocumentationParams): Promise<RuleDocumentationResult> => ({ ruleId: params.ruleId, markdown: await ruleDoc(params.ruleId) }));

  async function reviewWorkspace(params: ReviewWorkspaceParams): Promise<ReviewWorkspaceResult> {
    const inputs = (params.uris ?? []).map((u) => uriToPath(documentUriOf(u))).filter((p): p is string => !!p);
    const files = await discover(inputs);
    const result: ReviewWorkspaceResult = { documents: files.length, unreadable: 0, error: 0, warning: 0, info: 0, waived: 0, cross: 0 };
    const reviewed: [string, ReviewEntry][] = [];
    for (const file of files) {
      const entry = await reviewOf(uriFor(file), file);
      reviewed.push([file, entry]);
      if (entry.review.status === 'unreadable') result.unreadable++;
      for (const f of entry.review.findings) result[f.severity]++;
      result.waived += entry.review.waived.length;
    }
    await updateCross();
    // Each cross finding counted once, though it is listed on both documents.
    const crossFindings = new Set(files.flatMap((f) => cross.findingsFor(f).map((c) => c.finding)));
    result.cross = crossFindings.size;
    for (const f of crossFindings) result[f.severity]++;
    if (!pullMode) {
      for (const [file, entry] of reviewed) {
        const uri = uriFor(file);
        const placement: Placement = documents.get(uri) || !isBinaryDocument(file) ? 'text' : 'binary';
        connection.sendDiagnostics({ uri, diagnostics: diagnosticsFor(entry, mapOptions(placement, uri, uri, entry)) });
      }
    } else {
      signalChange();
      refreshDiagnostics();
    }
    return result;
  }
  connection.onRequest(ReviewWorkspaceRequest, (params: ReviewWorkspaceParams | undefined) => reviewWorkspace(params ?? {}));

  // ---- server-side commands, for clients without the VS Code extension ----
  /** A plain message (a notification: window/showMessageRequest would make Neovim prompt for a choice). */
  const notify = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  connection.onExecuteCommand(async (params) => {
    const args = params.arguments ?? [];
    switch (params.command) {
      case ServerCommands.waive: {
        const a = args[0] as AddWaiverParams;
        const written = await addWaiver({ ...a, justification: a.justification ?? 'TODO: state why this gap is accepted (compensating control, risk owner)' });
        if (showDocumentSupport) await connection.window
          .showDocument({ uri: pathToFileURL(written.configPath).href, takeFocus: true, selection: { start: { line: written.line - 1, character: 0 }, end: { line: written.line - 1, character: 0 } } })
          .catch(() => undefined);
        notify(`Waiver for ${a.ruleId} added to ${written.configPath}; write its justification there.`);
        return written;
      }
      case ServerCommands.showQuestion:
        notify(`${String(args[1] ?? '')}: ${String(args[0] ?? '')}`);
        return null;
      case ServerCommands.showRule: {
        const rule = ruleInfo(String(args[0]));
        notify(rule ? `${rule.id} — ${rule.title}: ${rule.rationale}` : String(args[0]));
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
