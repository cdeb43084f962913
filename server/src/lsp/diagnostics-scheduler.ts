// When diagnostics are computed and how they reach the client: pulled per document and for the
// whole workspace (a long-running request held open until something changes), or pushed after a
// debounce for clients without pulls. Cross-document findings (a form against its statement) are
// recomputed when any form or statement changes, and the documents they moved on are refreshed.
import path from 'node:path';
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type ResultProgressReporter,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  FileChangeType,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { ConfigChecks } from './config-checks.js';
import { configKindOf } from './config-files.js';
import { diagnosticsFor, type Placement } from './diagnostics.js';
import { documentUriOf, extensionOf, isBinaryPath, ReviewWorkspaceRequest, type ReviewWorkspaceParams, type ReviewWorkspaceResult } from './protocol.js';
import { isBinaryDocument, isEditedAsText, TEXT_DEBOUNCE_MS, type ReviewTargets } from './review-targets.js';
import { KnownExploitedWatch, listsInUse } from './known-exploited-watch.js';
import type { ReviewEntry } from './reviews.js';
import type { RuleKnowledge } from './rule-knowledge.js';
import type { Session } from './session.js';
import { isDocumentPath, uriToPath } from './workspace.js';

/** How long a workspace pull waits for a change before answering "unchanged" again. */
const WORKSPACE_POLL_MS = 30_000;
/**
 * How long a document pull waits for the cross-document check (which needs every form and
 * statement of the workspace reviewed) before answering with what is known; a later change is
 * announced with a refresh.
 */
const CROSS_WAIT_MS = 2_000;

/** Workspace documents reviewed at once (the pool queues what exceeds its workers). */
const WORKSPACE_LANES = 2;
/** How long a workspace pull waits for slow documents before answering with the others. */
const WORKSPACE_ANSWER_MS = 5_000;

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `fn` over `items`, `lanes` at a time, in order; stops taking new items once `stop()` says so. */
async function inLanes<T>(items: readonly T[], lanes: number, stop: () => boolean, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

/** Only forms and statements that could be read take part in cross checks. */
const takesPart = (entry: ReviewEntry) =>
  entry.review.status === 'reviewed' && (entry.review.model?.kind === 'mds2' || entry.review.model?.kind === 'conformance-statement');

export class DiagnosticsScheduler {
  private fireChange: () => void = () => {};
  /** Settles at the next change of any document's diagnostics (the workspace pull waits on it). */
  private changeSignal = new Promise<void>((r) => (this.fireChange = r));
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();
  /** The known-exploited list files in use, watched on disk. */
  readonly knownExploited: KnownExploitedWatch;

  constructor(
    private readonly s: Session,
    private readonly targets: ReviewTargets,
    private readonly knowledge: RuleKnowledge,
    private readonly configChecks: ConfigChecks,
  ) {
    this.knownExploited = new KnownExploitedWatch((files) => this.knownExploitedChanged(files), s.log);
    s.workspace.onListChanged = () => {
      this.signalChange();
      if (s.features.pullMode) this.refresh();
    };
  }

  private signalChange(): void {
    const fire = this.fireChange;
    this.changeSignal = new Promise<void>((r) => (this.fireChange = r));
    fire();
  }

  private refresh(): void {
    if (this.s.features.refreshSupport) this.s.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /** The diagnostics of one document (or configuration file) and their result id. */
  async diagnosticsOf(uri: string, debounce = false): Promise<{ items: Diagnostic[]; resultId?: string }> {
    const t = await this.targets.targetOf(uri);
    if (t.kind === 'none') return { items: [] };
    if (t.kind === 'config') return { items: await this.configChecks.diagnostics(t) };
    // Review views carry no diagnostics: Problems lists each finding once, on the real document.
    // The client draws the view's findings from ReviewViewResult.findings.
    if (t.placement === 'view') return { items: [] };
    const entry = await this.targets.reviewOf(t.docUri, t.path, debounce);
    await this.crossFor(entry);
    return { items: diagnosticsFor(entry, this.targets.mapOptions(t.placement, uri, t.docUri, entry)), resultId: this.targets.resultIdOf(entry) };
  }

  /** A document's diagnostics as the workspace shows them (not open in the editor). */
  private workspaceDiagnostics(file: string, entry: ReviewEntry): Diagnostic[] {
    const uri = this.s.workspace.uriFor(file);
    const placement: Placement = this.s.documents.get(uri) || !isBinaryDocument(file) ? 'text' : 'binary';
    return diagnosticsFor(entry, this.targets.mapOptions(placement, uri, uri, entry));
  }

  // ---- cross-document findings ----

  /** Every document that takes part in cross checks, in discovery order (it decides pairing, as in the CLI). */
  private async crossEntries(current?: ReviewEntry): Promise<ReviewEntry[]> {
    const { workspace, documents, reviews, settings } = this.s;
    const paths: string[] = [];
    const seen = new Set<string>();
    const add = (p: string) => {
      if (!seen.has(p)) seen.add(p), paths.push(p);
    };
    if (settings.reviewWorkspace !== false) for (const f of await workspace.files()) add(f);
    for (const d of documents.all()) {
      const p = uriToPath(d.uri);
      if (p && isDocumentPath(p)) add(p);
    }
    // Documents the client asked about outside the workspace folders (a file opened on its own).
    for (const e of reviews.all()) if (takesPart(e)) add(e.path);
    if (current) add(current.path);
    // One at a time, as the workspace pull does: the editor's own requests keep their turn in the pool.
    const out: ReviewEntry[] = [];
    for (const p of paths) out.push(p === current?.path ? current : await this.targets.reviewOf(workspace.uriFor(p), p));
    return out;
  }

  /** Starts a cross update; waits for it (up to CROSS_WAIT_MS) only when the document takes part. */
  async crossFor(entry: ReviewEntry): Promise<void> {
    const done = this.updateCross(entry);
    if (takesPart(entry) || this.s.cross.findingsFor(entry.path).length) await Promise.race([done, delay(CROSS_WAIT_MS)]);
  }

  /** Recomputes cross findings; documents whose cross findings changed are refreshed. */
  async updateCross(current?: ReviewEntry): Promise<void> {
    const { cross, log, features, workspace } = this.s;
    let changed: string[];
    try {
      changed = await cross.update(await this.crossEntries(current));
    } catch (err) {
      log(`cross-document review failed: ${(err as Error).message}`);
      return;
    }
    if (!changed.length) return;
    log(`cross-document findings changed on ${changed.map((p) => path.basename(p)).join(', ')}`);
    this.signalChange();
    if (features.pullMode) this.refresh();
    else for (const p of changed) this.schedulePush(workspace.uriFor(p), 10);
  }

  // ---- push mode (clients without pull diagnostics) ----

  schedulePush(uri: string, ms = TEXT_DEBOUNCE_MS): void {
    if (this.s.features.pullMode) return;
    clearTimeout(this.pushTimers.get(uri));
    this.pushTimers.set(
      uri,
      setTimeout(() => {
        this.pushTimers.delete(uri);
        this.diagnosticsOf(uri).then(
          ({ items }) => this.s.connection.sendDiagnostics({ uri, diagnostics: items }),
          (err: Error) => this.s.log(`diagnostics for ${uri} failed: ${err.message}`),
        );
      }, ms),
    );
  }

  // ---- what changed ----

  /** Everything may have changed (folders, settings): list the workspace again and refresh every document. */
  refreshAll(): void {
    const { workspace, documents, reviews, features } = this.s;
    workspace.invalidate();
    // Settings, configuration or folders may name another list.
    this.watchLists();
    this.signalChange();
    if (features.pullMode) {
      this.refresh();
    } else {
      for (const d of documents.all()) this.schedulePush(d.uri, 10);
      for (const e of reviews.all()) if (!documents.get(workspace.uriFor(e.path))) this.schedulePush(workspace.uriFor(e.path), 10);
    }
  }

  /** Settings, a configuration file or a rule pack changed: every review is stale. */
  configurationChanged(): void {
    this.s.reviews.invalidateAll();
    this.knowledge.forget();
    this.s.pool.recycle();
    this.refreshAll();
  }

  /** Watches the known-exploited lists the settings and the folders' configurations name now. */
  watchLists(): void {
    this.knownExploited.set(listsInUse(this.s));
  }

  /**
   * A known-exploited list changed on disk (a new catalogue, or a broken one): the reviews that
   * depend on it are done again and their diagnostics refreshed. The worker's cache key holds the
   * list's bytes, so no worker is recycled, and documents the list cannot change keep their reviews.
   */
  knownExploitedChanged(files: string[]): void {
    const { reviews, documents, workspace, features, log } = this.s;
    const gone = reviews.forgetListDependents();
    log(`known-exploited list changed on disk (${files.map((f) => path.basename(f)).join(', ')}): reviewing ${gone.length} document(s) again`);
    this.signalChange();
    if (features.pullMode) this.refresh();
    else {
      for (const p of gone) this.schedulePush(workspace.uriFor(p), 10);
      for (const d of documents.all()) {
        const p = uriToPath(documentUriOf(d.uri));
        if (p && gone.includes(p)) this.schedulePush(d.uri, 10);
      }
    }
    void this.updateCross();
  }

  /** Files changed on disk (the client's watchers). */
  filesChanged(changes: FileEvent[]): void {
    const { workspace, reviews, documents, connection, features } = this.s;
    let config = false;
    for (const c of changes) {
      const p = uriToPath(c.uri);
      if (!p) continue;
      const ext = extensionOf(p);
      if (ext === 'yaml' || ext === 'yml') {
        config = true;
        continue;
      }
      if (c.type !== FileChangeType.Changed) workspace.invalidate();
      if (c.type === FileChangeType.Deleted) {
        reviews.forget(p);
        if (!features.pullMode) connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
      } else if (!features.pullMode && isDocumentPath(p) && !documents.get(c.uri)) {
        this.schedulePush(c.uri, 50);
      }
    }
    if (config) this.configurationChanged();
    else {
      this.signalChange();
      if (features.pullMode) this.refresh();
      // Cross findings of the documents paired with a changed file.
      void this.updateCross();
    }
  }

  /** The editor's open documents: reviewed from their text while open, from disk once closed. */
  private watchEditor(): void {
    const { documents, workspace, reviews, connection } = this.s;
    documents.onDidOpen((e) => {
      workspace.remember(e.document.uri);
      this.schedulePush(e.document.uri, 10);
    });
    documents.onDidChangeContent((e) => this.schedulePush(e.document.uri));
    documents.onDidClose((e) => {
      const p = uriToPath(documentUriOf(e.document.uri));
      if (p && isEditedAsText(p)) reviews.forget(p);
      // A binary document (CSV included) keeps its diagnostics from disk after its editor closes.
      if (!this.s.features.pullMode && !(p && isBinaryPath(p))) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      // The file on disk takes the place of the editor's text in cross checks.
      if (p) void this.updateCross();
    });
    documents.onDidSave((e) => {
      const p = uriToPath(e.document.uri);
      if (p && configKindOf(p, e.document.getText())) this.configurationChanged();
    });
  }

  // ---- the whole workspace ----

  /** Reviews every workspace document (or those named); push clients get their diagnostics. */
  async reviewWorkspace(params: ReviewWorkspaceParams): Promise<ReviewWorkspaceResult> {
    const { workspace, cross, connection, features } = this.s;
    const inputs = (params.uris ?? []).map((u) => uriToPath(documentUriOf(u))).filter((p): p is string => !!p);
    const files = await workspace.discover(inputs);
    const result: ReviewWorkspaceResult = { documents: files.length, unreadable: 0, error: 0, warning: 0, info: 0, waived: 0, cross: 0 };
    const reviewed: [string, ReviewEntry][] = [];
    // Push clients see each document as soon as it is reviewed: a slow one holds back no other.
    await inLanes(files, WORKSPACE_LANES, () => false, async (file) => {
      const entry = await this.targets.reviewOf(workspace.uriFor(file), file);
      reviewed.push([file, entry]);
      if (entry.review.status === 'unreadable') result.unreadable++;
      for (const f of entry.review.findings) result[f.severity]++;
      result.waived += entry.review.waived.length;
      if (!features.pullMode) connection.sendDiagnostics({ uri: workspace.uriFor(file), diagnostics: this.workspaceDiagnostics(file, entry) });
    });
    await this.updateCross();
    // Each cross finding counted once, though it is listed on both documents.
    const crossFindings = new Set(files.flatMap((f) => cross.findingsFor(f).map((c) => c.finding)));
    result.cross = crossFindings.size;
    for (const f of crossFindings) result[f.severity]++;
    if (!features.pullMode) {
      // Again with the cross findings.
      for (const [file, entry] of reviewed) connection.sendDiagnostics({ uri: workspace.uriFor(file), diagnostics: this.workspaceDiagnostics(file, entry) });
    } else {
      this.signalChange();
      this.refresh();
    }
    return result;
  }

  /**
   * One answer to workspace/diagnostic. Documents are reviewed WORKSPACE_LANES at a time and each
   * is reported as soon as its review is done (streamed when the client takes partial results).
   * The answer goes out when every document is done, or after WORKSPACE_ANSWER_MS with what is
   * done by then: a document that takes long (it stops at its own time budget, as unreadable)
   * holds back neither the others nor the answer. Reviews still running carry on, and a change
   * is signalled when they end, so the client's next pull collects them.
   */
  private async workspacePull(
    previousResultIds: { uri: string; value: string }[],
    token: CancellationToken,
    resultProgress: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult> | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    const { workspace, documents, settings, reviews } = this.s;
    const previous = new Map(previousResultIds.map((r) => [r.uri, r.value]));
    const waitFor = this.changeSignal;
    if (settings.reviewWorkspace === false) return { items: [] };
    const files = await workspace.files();
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    /** What this answer already said about each document (its result id). */
    const sent = new Map<string, string>();
    let fresh = 0;
    let answered = false;
    const report = (file: string, entry: ReviewEntry) => {
      if (answered) return;
      const uri = workspace.uriFor(file);
      const resultId = this.targets.resultIdOf(entry);
      if (sent.get(uri) === resultId) return;
      let r: WorkspaceDocumentDiagnosticReport;
      if (!sent.has(uri) && previous.get(uri) === resultId) {
        r = { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null };
      } else {
        const placement: Placement = isBinaryDocument(file) ? 'binary' : 'text';
        r = { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: diagnosticsFor(entry, this.targets.mapOptions(placement, uri, uri, entry)) };
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
    const closed = files.filter((f) => !documents.get(workspace.uriFor(f)));
    const cancelled = new Promise<void>((r) => token.onCancellationRequested(() => r()));
    const done = inLanes(closed, WORKSPACE_LANES, () => token.isCancellationRequested, async (file) => {
      const entry = await reviews.reviewDisk(file);
      reviewed.set(file, entry);
      report(file, entry);
    })
      .then(async () => {
        if (token.isCancellationRequested) return;
        // Cross findings need every form and statement: report again the documents they changed.
        await this.updateCross();
        for (const [file, entry] of reviewed) report(file, entry);
      })
      .catch((err: Error) => this.s.log(`workspace diagnostics failed: ${err.message}`))
      .then(() => {
        // Finished after the answer went out: the next pull collects what this one could not.
        if (answered) this.signalChange();
      });
    await Promise.race([done, delay(WORKSPACE_ANSWER_MS), cancelled]);
    if (fresh === 0 && !token.isCancellationRequested) {
      // Nothing new: hold the request until something changes, as the protocol allows.
      await Promise.race([waitFor, done, delay(WORKSPACE_POLL_MS), cancelled]);
    }
    answered = true;
    return { items };
  }

  register(): void {
    const { connection } = this.s;
    this.watchEditor();

    connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
      const { items, resultId } = await this.diagnosticsOf(params.textDocument.uri, true);
      if (token.isCancellationRequested) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (resultId && params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, items, resultId };
    });

    connection.languages.diagnostics.onWorkspace((params, token, _workDone, resultProgress) => this.workspacePull(params.previousResultIds, token, resultProgress));

    connection.onRequest(ReviewWorkspaceRequest, (params: ReviewWorkspaceParams | undefined) => this.reviewWorkspace(params ?? {}));
  }
}
