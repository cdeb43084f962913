// The dicomsec language server: a thin adapter over the engine. Vendor files are read and
// reviewed in the engine's worker pool, under the CLI's budgets; this thread only maps findings
// to LSP. This file puts the parts
// together and runs the lifecycle; each concern lives in its own file:
//   client-features.ts       what the client can do, negotiated once at initialize
//   workspace.ts             folders, URIs, the document list, file watchers
//   review-targets.ts        URI → what to review, the current review, where findings go
//   diagnostics-scheduler.ts pull and push diagnostics, cross-document refreshes
//   code-actions.ts          quick fixes keyed by rule id
//   commands.ts              waivers, report export, server-side commands
//   review-views.ts          the review view request
//   language-features.ts     hover, outline, completion
//   rule-knowledge.ts        the rule catalogue and documentation pages
//   known-exploited-watch.ts the known-exploited list files, watched on disk
//   config-checks.ts         where config-file checks run (large files in the pool, under a budget)
//   stdio.ts                 the stdio transport, which exits on a malformed frame
//
// Started three ways: by the VS Code extension (node IPC), as `dicomsec lsp --stdio` (the CLI calls
// startServer()), and as `node dist/server.mjs --stdio`.
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { createConnection, ProposedFeatures, TextDocuments, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { limitsProblem } from '../core/limits.js';
import { TOOL_VERSION } from '../core/version.js';
import { createWorkerPool } from '../engine/worker-pool.js';
import { negotiate, serverCapabilities } from './client-features.js';
import { registerCodeActions } from './code-actions.js';
import { ConfigChecks } from './config-checks.js';
import { Commands } from './commands.js';
import { registerCompareRequests } from './compare-requests.js';
import { DiagnosticsScheduler } from './diagnostics-scheduler.js';
import { registerLanguageFeatures } from './language-features.js';
import type { ReviewedNotificationParams, Settings } from './protocol.js';
import { ReviewedNotification } from './protocol.js';
import { ReviewTargets } from './review-targets.js';
import { consoleToLog, EXIT_PROTOCOL_ERROR, stdioTransport } from './stdio.js';
import { registerReviewViews } from './review-views.js';
import { registerExposure } from './exposure.js';
import { registerRfpRequirements } from './rfp-clauses.js';
import { RuleKnowledge } from './rule-knowledge.js';
import { Session } from './session.js';

export interface ServerOptions {
  connection?: Connection;
  /** The module a worker runs; by default dist/worker.mjs. */
  workerScript?: string | URL;
  workers?: number;
}

/** Node IPC (the VS Code extension), a socket or a pipe, as named on the command line; else stdio. */
const OTHER_TRANSPORT = /^--(node-ipc|socket|pipe)\b/;

/**
 * The connection: over stdio unless another transport is named. `shutdown()` tells whether the
 * client asked for a shutdown, which decides the exit status when stdin ends.
 */
function openConnection(shutdown: () => boolean): Connection {
  if (process.argv.slice(2).some((a) => OTHER_TRANSPORT.test(a))) return createConnection(ProposedFeatures.all);
  const { reader, writer } = stdioTransport((reason) => {
    if (reason) {
      process.stderr.write(`dicomsec lsp: ${reason}; exiting so that the client restarts the server\n`);
      process.exit(EXIT_PROTOCOL_ERROR);
    }
    process.exit(shutdown() ? 0 : 1);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  consoleToLog((m) => connection.console.log(m));
  return connection;
}

export function startServer(options: ServerOptions = {}): Connection {
  let shutdownReceived = false;
  const connection = options.connection ?? openConnection(() => shutdownReceived);
  const documents = new TextDocuments(TextDocument);
  const log = (m: string) => connection.console.log(m);
  // The CLI's pool and budgets (heap, buffers, stray rejections, wall time): see engine/worker-pool.ts.
  const pool = createWorkerPool({ workerScript: options.workerScript, size: options.workers, log });
  if (limitsProblem) log(`${limitsProblem}; the default budgets apply to those entries`);

  const s = new Session(connection, documents, pool, log);
  const targets = new ReviewTargets(s);
  const knowledge = new RuleKnowledge(s);
  const configChecks = new ConfigChecks(s, knowledge);
  const scheduler = new DiagnosticsScheduler(s, targets, knowledge, configChecks);
  const commands = new Commands(s, () => scheduler.configurationChanged());

  s.reviews.onReviewed = (entry) => {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of entry.review.findings) counts[f.severity]++;
    const params: ReviewedNotificationParams = { uri: s.workspace.uriFor(entry.path), status: entry.review.status, ...counts, waived: entry.review.waived.length, ms: entry.ms };
    log(`reviewed ${entry.path} in ${entry.ms} ms: ${entry.review.status}${entry.review.error ? ` (${entry.review.error})` : ''}, ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${params.waived} waived`);
    void connection.sendNotification(ReviewedNotification, params);
  };

  // ---- lifecycle ----
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    s.features = negotiate(params);
    s.workspace.open(params);
    const f = s.features;
    log(`dicomsec language server ${TOOL_VERSION}: ${s.workspace.folders.length} folder(s), ${f.trusted ? 'trusted' : 'restricted mode (no workspace rule packs)'}, ${f.pullMode ? 'pull' : 'push'} diagnostics`);
    return { capabilities: serverCapabilities(f), serverInfo: { name: 'dicomsec', version: TOOL_VERSION } };
  });

  connection.onInitialized(() => {
    const f = s.features;
    void s.fetchSettings().then(() => scheduler.watchLists());
    if (f.watcherRegistration) s.workspace.registerWatchers(connection);
    if (f.folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        s.workspace.foldersChanged(e);
        scheduler.refreshAll();
      });
    }
    if (!f.pullMode && s.settings.reviewWorkspace !== false) {
      // Push clients get the workspace's documents once at start.
      void scheduler.reviewWorkspace({}).catch((err: Error) => log(`workspace review failed: ${err.message}`));
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (!s.features.configurationPull) s.settings = ((change.settings as { dicomsec?: Settings } | null)?.dicomsec ?? {}) as Settings;
    void s.fetchSettings().then(() => scheduler.configurationChanged());
  });

  connection.onDidChangeWatchedFiles((params) => scheduler.filesChanged(params.changes));

  scheduler.register();
  registerLanguageFeatures(s, targets, knowledge, configChecks);
  registerCodeActions(s, targets);
  registerReviewViews(s, targets, scheduler);
  registerExposure(s);
  registerRfpRequirements(s, knowledge);
  commands.register();
  registerCompareRequests(s);
  knowledge.register();

  connection.onShutdown(() => {
    shutdownReceived = true;
    scheduler.knownExploited.close();
    void pool.close();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

// Run directly as the server entry.
if (isMainThread && /^server\.m?js$/.test(path.basename(process.argv[1] ?? ''))) {
  startServer();
}
