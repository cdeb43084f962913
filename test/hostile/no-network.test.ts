// "No outbound network, provably": the guard trips on every way out (so a silent pass means
// something), and the CLI's commands run under it without tripping it, on documents that point at
// the network (XXE, remote images, PDF URI actions). The language server is run under the same
// guard by the hostile-corpus test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { guardedRun, NETWORK_EXIT_CODE } from '../helpers/no-network.js';
import { startHarness } from '../lsp/harness.js';
import { docxFrom, documentXml, healthySeeds, pdfWithText, xlsxFrom, sheetXml } from '../../scripts/hostile/generate.js';
import { cliPath, repoRoot } from '../helpers/paths.js';

const cli = cliPath;
const work = path.join(repoRoot, 'test', '.tmp', `no-network-${process.pid}`);

beforeAll(() => mkdirSync(work, { recursive: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function node(label: string, args: string[], input?: string) {
  const g = guardedRun(path.join(work, 'probe'), label);
  const r = spawnSync(process.execPath, [...g.nodeArgs, ...args], { cwd: work, env: { ...process.env, ...g.env }, encoding: 'utf8', input, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, violations: g.violations() };
}

describe('the no-network guard', () => {
  const attempts: [string, string][] = [
    ['net.connect', `import net from 'node:net'; net.connect(9, '127.0.0.1');`],
    ['named import of connect', `import { connect } from 'node:net'; connect({ port: 9, host: '127.0.0.1' });`],
    ['dns.lookup', `import dns from 'node:dns'; dns.lookup('example.invalid', () => {});`],
    ['dns.promises', `import { promises } from 'node:dns'; await promises.resolve4('example.invalid');`],
    ['http.get', `import http from 'node:http'; http.get('http://127.0.0.1:9/');`],
    ['https.request', `import https from 'node:https'; https.request('https://127.0.0.1:9/').end();`],
    ['tls.connect', `import tls from 'node:tls'; tls.connect(9, '127.0.0.1');`],
    ['dgram', `import dgram from 'node:dgram'; dgram.createSocket('udp4').send('x', 9, '127.0.0.1');`],
    ['fetch', `await fetch('http://127.0.0.1:9/');`],
    ['TCP listen', `import net from 'node:net'; net.createServer().listen(0);`],
    ['a worker thread', `import { Worker } from 'node:worker_threads'; new Worker("require('node:net').connect(9, '127.0.0.1')", { eval: true }).on('exit', (c) => process.exit(c));`],
  ];
  for (const [label, code] of attempts) {
    it(`trips on ${label}`, () => {
      const file = path.join(work, `attempt-${label.replace(/\W+/g, '-')}.mjs`);
      writeFileSync(file, code);
      const r = node(`attempt-${label.replace(/\W+/g, '-')}`, [file]);
      expect(r.violations.length, r.stderr).toBeGreaterThan(0);
      expect(r.status).toBe(NETWORK_EXIT_CODE);
    });
  }

  it('allows IPC over a Unix socket and stdio', () => {
    const sock = path.join(work, 's.sock');
    const file = path.join(work, 'ipc.mjs');
    writeFileSync(file, `import net from 'node:net'; const s = net.createServer((c) => c.end('hi')); s.listen(${JSON.stringify(sock)}, () => { const c = net.connect(${JSON.stringify(sock)}); c.on('data', (d) => { process.stdout.write(d); s.close(); c.end(); }); });`);
    const r = node('ipc', [file]);
    expect(r.violations).toEqual([]);
    expect(r.stdout).toBe('hi');
  });
});

describe('the CLI under the guard', () => {
  it('lint, inspect and rules never open a socket, even for documents that point at the network', () => {
    const seeds = healthySeeds();
    const files: [string, Uint8Array | string][] = [
      ['form.xlsx', seeds.xlsx],
      ['cs.pdf', seeds.pdf],
      ['cs.md', seeds.md],
      ['cs.docx', seeds.docx],
      ['remote.html', `<!doctype html><html><body><h1>DICOM Conformance Statement</h1><img src="http://127.0.0.1:9/p.png"><iframe src="https://127.0.0.1:9/"></iframe></body></html>`],
      ['xxe.xml', `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><article><para>&x;</para></article>`],
      ['xxe.docx', docxFrom(documentXml(['&x;'], '<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>').replace('&amp;x;', '&x;'))],
      ['xxe.xlsx', xlsxFrom({ sheets: [`<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>${sheetXml([['&x;']]).replace(/^<\?xml[^>]*>\n/, '').replace('&amp;x;', '&x;')}`] })],
      ['uri.pdf', pdfWithText({ catalogExtra: '/OpenAction << /S /URI /URI (http://127.0.0.1:9/) >>' })],
    ];
    const dir = path.join(work, 'docs');
    mkdirSync(dir, { recursive: true });
    for (const [n, d] of files) writeFileSync(path.join(dir, n), d);
    for (const format of ['json', 'sarif', 'stylish']) {
      const r = node(`lint-${format}`, [cli, 'lint', '--format', format, dir]);
      expect(r.violations).toEqual([]);
      expect([0, 1, 2]).toContain(r.status);
      expect(r.stdout.length).toBeGreaterThan(0);
    }
    const inspect = node('inspect', [cli, 'inspect', path.join(dir, 'cs.md')]);
    expect(inspect.violations).toEqual([]);
    expect(inspect.status).toBe(0);
    const rules = node('rules', [cli, 'rules', '--format', 'json']);
    expect(rules.violations).toEqual([]);
    expect(rules.status).toBe(0);
  }, 180_000);
});

describe.skipIf(!existsSync(path.join(repoRoot, 'dist', 'server.mjs')))('the language server under the guard', () => {
  it('initializes and answers diagnostic requests (statement, workbook, a PDF pointing at the network) without a socket', async () => {
    const dir = path.join(work, 'lsp');
    mkdirSync(dir, { recursive: true });
    const seeds = healthySeeds();
    writeFileSync(path.join(dir, 'cs.md'), seeds.md);
    writeFileSync(path.join(dir, 'form.xlsx'), seeds.xlsx);
    writeFileSync(path.join(dir, 'uri.pdf'), pdfWithText({ catalogExtra: '/OpenAction << /S /URI /URI (http://127.0.0.1:9/) >>' }));
    const g = guardedRun(path.join(work, 'probe'), 'lsp');
    const h = await startHarness({ rootDir: dir, env: { ...g.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${g.nodeArgs.join(' ')}`.trim() } });
    try {
      for (const f of ['cs.md', 'form.xlsx', 'uri.pdf']) {
        const r = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: pathToFileURL(path.join(dir, f)).href } })) as FullDocumentDiagnosticReport;
        expect(r.items.length, f).toBeGreaterThan(0);
      }
      await h.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] });
    } finally {
      await h.close();
    }
    expect(g.violations()).toEqual([]);
    // The guard really ran inside the server: its exit hook reported the server's peak memory.
    expect(g.maxRssMb()).toBeGreaterThan(0);
  }, 120_000);
});
