// A real LSP client over stdio for the language-server tests: spawns dist/server.mjs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  type ClientCapabilities,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { repoRoot } from '../helpers/paths.js';

/** A small fictional Conformance Statement (Markdown) with TLS and audit gaps; `note` ends the introduction. */
export function conformanceStatement(product = 'Acme PACS 3.1', note = ''): string {
  return `# ${product} DICOM Conformance Statement

Manufacturer: Acme Imaging (fictional)

## 1 Introduction

This document is the DICOM Conformance Statement of ${product}.${note ? ` ${note}` : ''}

## 2 Networking

### 2.1 Application Entities

The ACME_STORE Application Entity accepts associations on port 104 from any calling AE title.

| SOP Class | UID | SCU | SCP |
|---|---|---|---|
| CT Image Storage | 1.2.840.10008.5.1.4.1.1.2 | Yes | Yes |

## 3 Security

The product does not support TLS. Audit logging is not supported.
`;
}

export { repoRoot };
export const serverPath = path.join(repoRoot, 'dist', 'server.mjs');

export interface Harness {
  conn: MessageConnection;
  proc: ChildProcess;
  init: InitializeResult;
  published: Map<string, PublishDiagnosticsParams>;
  logs: string[];
  /** Methods of every request the server sent to the client, in order. */
  requests: string[];
  /** window/showMessage notifications. */
  messages: string[];
  waitForPublish(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  close(): Promise<void>;
}

export const pullCapabilities: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    synchronization: { didSave: true },
  },
  workspace: { workspaceFolders: true, configuration: false, diagnostics: { refreshSupport: true } },
};

export interface HarnessOptions {
  /** The workspace folder; none at all (no rootUri, no workspaceFolders) when undefined. */
  rootDir?: string;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  env?: NodeJS.ProcessEnv;
  /** The server command after `node`; default `dist/server.mjs --stdio`. */
  args?: string[];
  /** Leave initializationOptions out of the initialize request entirely. */
  noInitializationOptions?: boolean;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const proc = spawn(process.execPath, opts.args ?? [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  const logs: string[] = [];
  proc.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published = new Map<string, PublishDiagnosticsParams>();
  const requests: string[] = [];
  const messages: string[] = [];
  const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.predicate(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  conn.onNotification('window/showMessage', (p: { message: string }) => {
    messages.push(p.message);
  });
  conn.onNotification('dicomsec/reviewed', () => {});
  conn.onRequest('client/registerCapability', () => (requests.push('client/registerCapability'), null));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => (requests.push('workspace/configuration'), p.items.map(() => ({}))));
  conn.onRequest('workspace/diagnostic/refresh', () => (requests.push('workspace/diagnostic/refresh'), null));
  conn.onRequest((method: string) => {
    requests.push(method);
    return null;
  });
  conn.listen();
  const rootUri = opts.rootDir ? `file://${opts.rootDir}` : null;
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: opts.rootDir ? [{ uri: rootUri!, name: path.basename(opts.rootDir) }] : null,
    capabilities: opts.capabilities ?? pullCapabilities,
    ...(opts.noInitializationOptions ? {} : { initializationOptions: opts.initializationOptions ?? { trusted: true, virtualDocuments: true } }),
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return {
    conn,
    proc,
    init,
    published,
    logs,
    requests,
    messages,
    waitForPublish(uri, predicate = () => true, timeoutMs = 30_000) {
      const have = published.get(uri);
      if (have && predicate(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics published for ${uri}; logs:\n${logs.join('\n')}`)), timeoutMs);
        waiters.push({ uri, predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async close() {
      try {
        await conn.sendRequest(ShutdownRequest.type);
        await conn.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
      conn.dispose();
      await new Promise<void>((r) => {
        if (proc.exitCode !== null) return r();
        const t = setTimeout(() => (proc.kill('SIGKILL'), r()), 3000);
        proc.once('exit', () => (clearTimeout(t), r()));
      });
    },
  };
}

/** Pulls a document's diagnostics until they satisfy a predicate (cross checks may land after the first answer), or the time is up. */
export async function pullUntil(h: Harness, uri: string, ok: (items: Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as FullDocumentDiagnosticReport;
    if (r.kind !== 'full') throw new Error(`expected a full diagnostic report for ${uri}, got ${r.kind}`);
    if (ok(r.items) || Date.now() > until) return r.items;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
