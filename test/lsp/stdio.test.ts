// A malformed frame on stdio ends the language server with an error status (the client then
// restarts it) instead of leaving it alive and silent. Spawns the real bundle, as an editor does.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FrameGuard, MAX_MESSAGE_BYTES } from '../../server/src/lsp/stdio.js';
import { repoRoot, serverPath } from './harness.js';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the server, writes `chunks` (stdin stays open), and waits for it to exit. */
function feed(args: string[], chunks: (string | Buffer)[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A server that stays silent would keep the test waiting: vitest's own timeout then fails it.
    proc.once('error', reject);
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
    for (const c of chunks) proc.stdin.write(c);
  });
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const initialize = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));

describe('language server framing on stdio', () => {
  const server = [serverPath, '--stdio'];

  it.each([
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', /Content-Length "-5"/],
    ['a Content-Length that is not a number', 'Content-Length: twelve\r\n\r\n{}', /Content-Length "twelve"/],
    ['an absurd Content-Length', 'Content-Length: 99999999999999\r\n\r\n{', /larger than the 67108864-byte limit/],
    ['a Content-Length just past the 64 MiB cap', `Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n{`, /larger than/],
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /without Content-Length/],
    ['a header line that is not a field', 'hello server\r\n\r\n', /malformed header line "hello server"/],
    ['a bare JSON body without any header', '{"jsonrpc":"2.0","id":1,"method":"initialize"}\n', /header line not ended by CR LF|malformed header line/],
    ['two Content-Length fields', 'Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}', /two Content-Length/],
    ['a control byte in a header', 'Content-Length: 2\u001b[2J\r\n\r\n{}', /non-printable byte 0x1b/],
  ])('exits with an error status on %s', async (_name, bytes, reason) => {
    const out = await feed(server, [bytes]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(reason);
    expect(out.stderr).toMatch(/exiting so that the client restarts the server/);
  });

  it('exits on a bad frame that follows a good session start', async () => {
    const proc = spawn(process.execPath, server, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const answered = new Promise<void>((r) => proc.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), /"serverInfo"/.test(stdout) && r())));
    const exited = new Promise<number | null>((r) => proc.once('exit', r));
    proc.stdin.write(initialize);
    await answered;
    proc.stdin.write('Content-Length: -1\r\n\r\n');
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/Content-Length "-1"/);
  });

  it('exits on a body that is not JSON', async () => {
    const out = await feed(server, [frame('{not json')]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/cannot read a message/);
  });

  it('the CLI entry `dicomsec lsp --stdio` exits the same way', async () => {
    const out = await feed([path.join(repoRoot, 'bin', 'dicomsec.cjs'), 'lsp', '--stdio'], ['Content-Length: -5\r\n\r\n']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Content-Length "-5"/);
  });

  it('serves a well-formed session byte by byte, and ends with status 0 after shutdown and exit', async () => {
    const shutdown = frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    const exit = frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' }));
    const bytes = Buffer.from(initialize + shutdown + exit);
    const out = await feed(server, [...bytes].map((b) => Buffer.from([b])));
    expect(out.stdout).toMatch(/"serverInfo":\{"name":"dicomsec"/);
    expect(out.code).toBe(0);
  });
});

describe('FrameGuard', () => {
  const run = (chunks: string[]) => {
    const reasons: string[] = [];
    const passed: Buffer[] = [];
    const g = new FrameGuard((r) => reasons.push(r));
    g.on('data', (d: Buffer) => passed.push(d));
    for (const c of chunks) g.write(c);
    return { reasons, passed: Buffer.concat(passed).toString() };
  };

  it('passes frames through unchanged, across chunk boundaries, whatever the body holds', () => {
    const body = '{"a":"Content-Length: -1\\r\\n\\r\\n"}';
    const text = frame(body) + 'content-length:  2 \r\n\r\n{}' + frame('');
    const { reasons, passed } = run(text.match(/[\s\S]{1,3}/g)!);
    expect(reasons).toEqual([]);
    expect(passed).toBe(text);
  });

  it('reports the first violation once and passes nothing after it', () => {
    const { reasons, passed } = run([frame('{}'), 'Content-Length: -3\r\n\r\n', frame('{"x":1}')]);
    expect(reasons).toEqual(['Content-Length "-3" (not a non-negative decimal number)']);
    expect(passed).toBe(frame('{}'));
  });

  it('refuses a header block past its size limit without waiting for the blank line', () => {
    const { reasons } = run([`X-Padding: ${'a'.repeat(9000)}`]);
    expect(reasons).toEqual(['a message header longer than 8192 bytes']);
  });
});
