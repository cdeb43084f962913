// The VS Code extension starts the server over Node IPC (`--node-ipc`), not stdio: that transport
// must keep working, with no stdio framing check in its way and no output on stdout.
import { fork } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { FullDocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver-protocol';
import { TOOL_VERSION } from '../../server/src/core/version.js';
import { conformanceStatement, pullCapabilities, repoRoot, serverPath } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-ipc-${process.pid}`);

describe('language server over Node IPC (as the VS Code extension starts it)', () => {
  const statement = path.join(work, 'acme-cs.md');
  beforeAll(() => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    writeFileSync(statement, conformanceStatement());
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('initializes, reviews a statement from disk, and shuts down with status 0', async () => {
    const proc = fork(serverPath, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    let stdout = '';
    proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', r));
    const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    conn.onRequest(() => null);
    conn.onNotification(() => {});
    conn.listen();
    const rootUri = pathToFileURL(work).href;
    const init = (await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: pullCapabilities,
      initializationOptions: { trusted: true, virtualDocuments: true, clientCommands: true },
    })) as InitializeResult;
    expect(init.serverInfo).toEqual({ name: 'dicomsec', version: TOOL_VERSION });
    await conn.sendNotification('initialized', {});
    const report = (await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: pathToFileURL(statement).href } })) as FullDocumentDiagnosticReport;
    expect(report.items.map((d) => d.code)).toContain('CS-TLS-001');
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    expect(await exited).toBe(0);
    conn.dispose();
    expect(stdout).toBe('');
  });
});
