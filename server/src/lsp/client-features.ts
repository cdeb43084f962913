// What the client can do, negotiated once from `initialize` (its capabilities and our
// initialization options) and frozen: every other part of the server reads it, none changes it.
import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, ServerCommands, type InitializationOptions } from './protocol.js';

export interface ClientFeatures {
  /** false in an untrusted workspace: no workspace rule packs. */
  readonly trusted: boolean;
  /** The client implements the `dicomsec.client.*` commands. */
  readonly clientCommands: boolean;
  /** The client opens `dicomsec-review:` and `dicomsec-rule:` documents. */
  readonly virtualDocuments: boolean;
  /** The client draws review-view findings itself (so the server answers no hover there). */
  readonly viewDecorations: boolean;
  /** Diagnostics are pulled by the client (else the server publishes them). */
  readonly pullMode: boolean;
  readonly refreshSupport: boolean;
  readonly hoverMarkdown: boolean;
  readonly codeActionLiterals: boolean;
  readonly hierarchicalSymbols: boolean;
  readonly showDocument: boolean;
  /** Settings come from workspace/configuration (else from didChangeConfiguration). */
  readonly configurationPull: boolean;
  readonly watcherRegistration: boolean;
  readonly folderEvents: boolean;
}

/** What the server assumes before `initialize` (a request that arrives first is answered with these). */
export const DEFAULT_FEATURES: ClientFeatures = Object.freeze({
  trusted: true,
  clientCommands: false,
  virtualDocuments: false,
  viewDecorations: false,
  pullMode: false,
  refreshSupport: false,
  hoverMarkdown: true,
  codeActionLiterals: true,
  hierarchicalSymbols: true,
  showDocument: false,
  configurationPull: false,
  watcherRegistration: false,
  folderEvents: false,
});

export function negotiate(params: InitializeParams): ClientFeatures {
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  const caps = params.capabilities;
  return Object.freeze({
    trusted: init.trusted !== false,
    clientCommands: !!init.clientCommands,
    virtualDocuments: !!init.virtualDocuments,
    viewDecorations: !!init.viewDecorations,
    pullMode: !!caps.textDocument?.diagnostic && init.diagnostics !== 'push',
    refreshSupport: !!caps.workspace?.diagnostics?.refreshSupport,
    hoverMarkdown: !!caps.textDocument?.hover?.contentFormat?.includes('markdown'),
    codeActionLiterals: !!caps.textDocument?.codeAction?.codeActionLiteralSupport,
    hierarchicalSymbols: !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    showDocument: !!caps.window?.showDocument?.support,
    configurationPull: !!caps.workspace?.configuration,
    watcherRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    folderEvents: !!caps.workspace?.workspaceFolders,
  });
}

/** What the server offers this client. */
export function serverCapabilities(f: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    diagnosticProvider: f.pullMode ? { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: false, workspaceDiagnostics: true } : undefined,
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentSymbolProvider: true,
    completionProvider: { triggerCharacters: [':', '-'] },
    executeCommandProvider: { commands: Object.values(ServerCommands) },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
