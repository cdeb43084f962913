// One pool, one set of budgets: the same over-budget documents through the real CLI and the real
// language server (both under the no-network guard) end unreadable with the same reason — the
// reader limits hit by the hostile generator's cases, and the pool's own budgets (wall time, heap,
// off-heap buffers), tightened for both through DICOMSEC_LIMITS.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { generateHostileCorpus, healthySeeds, type GeneratedCorpus } from '../../scripts/hostile/generate.js';
import { guardedRun } from '../helpers/no-network.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { startHarness } from '../lsp/harness.js';

const serverJs = path.join(repoRoot, 'dist', 'server.mjs');
const work = path.join(repoRoot, 'test', '.tmp', `parity-${process.pid}`);
const BINARY = /\.(xlsx|xls|ods|pdf|docx|odt)$/;

let corpus: GeneratedCorpus;
let healthy: string[];

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  corpus = await generateHostileCorpus(path.join(work, 'corpus'), path.join(work, 'healthy'));
  const seeds = healthySeeds();
  mkdirSync(path.join(work, 'plain'), { recursive: true });
  healthy = [path.join(work, 'plain', 'form.xlsx'), path.join(work, 'plain', 'statement.pdf')];
  writeFileSync(healthy[0]!, seeds.xlsx);
  writeFileSync(healthy[1]!, seeds.pdf);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Unreadable reasons by path from one CLI run (JSON report). */
async function viaCli(files: string[], env: Record<string, string>, label: string): Promise<Map<string, string | undefined>> {
  const { stdout, net } = await runCli(['lint', '--format', 'json', '--fail-on', 'none', '--quiet', ...files], { cwd: work, env: { ...env, NO_COLOR: '1' } });
  expect(net, label).toEqual([]);
  const report = JSON.parse(stdout) as { documents: { path: string; status: string; error?: string }[] };
  return new Map(report.documents.map((d) => [d.path, d.status === 'unreadable' ? d.error : undefined]));
}

/** Unreadable reasons by path from the language server's pulled diagnostics. */
async function viaServer(files: string[], env: Record<string, string>, label: string): Promise<Map<string, string | undefined>> {
  const guard = guardedRun(path.join(work, 'probe'), label);
  const h = await startHarness({ rootDir: work, env: { ...guard.env, ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${guard.nodeArgs.join(' ')}`.trim() } });
  const out = new Map<string, string | undefined>();
  try {
    for (const file of files) {
      const res = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: pathToFileURL(file).href } })) as FullDocumentDiagnosticReport;
      const unreadable = (res.items ?? []).find((d: Diagnostic) => d.code === 'DICOMSEC-UNREADABLE');
      out.set(file, unreadable ? String(unreadable.message) : undefined);
    }
  } finally {
    await h.close();
  }
  expect(guard.violations()).toEqual([]);
  return out;
}

function expectSameReasons(files: string[], cliReasons: Map<string, string | undefined>, serverMessages: Map<string, string | undefined>): void {
  const mismatches: string[] = [];
  for (const file of files) {
    const reason = cliReasons.get(file);
    const message = serverMessages.get(file);
    if (!reason) mismatches.push(`${path.basename(file)}: the CLI did not report it unreadable`);
    else if (!message) mismatches.push(`${path.basename(file)}: the server did not report it unreadable (CLI: ${reason})`);
    else if (!message.includes(reason)) mismatches.push(`${path.basename(file)}: CLI "${reason}" but server "${message}"`);
  }
  expect(mismatches).toEqual([]);
}

describe.skipIf(!existsSync(serverJs))('the same budgets and reasons in the CLI and the language server', () => {
  it("the hostile generator's over-budget documents", async () => {
    const files = corpus.cases
      .filter((c) => c.expect === 'unreadable' && BINARY.test(c.name) && c.name !== 'x.pdf' && c.name !== 'fifo.xlsx' && !c.name.startsWith('bitflip-') && !c.name.startsWith('truncated-'))
      .map((c) => path.join(corpus.dir, c.name));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const cliReasons = await viaCli(files, {}, 'parity-cli');
    // Budgets, not only corruption: some of these reasons name a limit.
    expect([...cliReasons.values()].filter((r) => r && /limit/.test(r)).length).toBeGreaterThanOrEqual(3);
    expectSameReasons(files, cliReasons, await viaServer(files, {}, 'parity-lsp'));
  }, 300_000);

  for (const [label, limits, reason] of [
    ['wall time', { timeoutMs: 1 }, 'reading took longer than the 1 ms time limit (timeoutMs) and was stopped'],
    ['heap', { workerHeapMb: 8 }, 'reading needed more memory than the 8 MB memory limit (workerHeapMb)'],
    ['off-heap buffers', { workerBuffersMb: 1 }, 'reading needed more than the 1 MB buffer-memory limit (workerBuffersMb) and was stopped'],
  ] as const) {
    it(`the pool's ${label} budget, tightened through DICOMSEC_LIMITS`, async () => {
      const env = { DICOMSEC_LIMITS: JSON.stringify(limits) };
      // Off-heap use is sampled while a job runs: the PDF (pdf.js loading) always runs long enough.
      const files = label === 'off-heap buffers' ? healthy.slice(1) : healthy;
      const cliReasons = await viaCli(files, env, `parity-cli-${label}`);
      for (const f of files) expect(cliReasons.get(f)).toBe(reason);
      expectSameReasons(files, cliReasons, await viaServer(files, env, `parity-lsp-${label}`));
    }, 120_000);
  }

  it('dicomsec inspect parses in the pool, under the same wall-time budget', async () => {
    const inspect = (env: Record<string, string>) => runCli(['inspect', healthy[1]!], { cwd: work, env });
    const ok = await inspect({});
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).kind).toBe('conformance-statement');
    const late = await inspect({ DICOMSEC_LIMITS: '{"timeoutMs": 1}' });
    expect(late.code).toBe(2);
    expect(late.stderr.trim()).toBe(`dicomsec: ${healthy[1]}: unreadable: reading took longer than the 1 ms time limit (timeoutMs) and was stopped`);
    expect([...ok.net, ...late.net]).toEqual([]);
  }, 60_000);

  it('DICOMSEC_LIMITS can only lower a limit: the CLI refuses to raise one', async () => {
    const { code, stderr } = await runCli(['lint', healthy[0]!], { cwd: work, env: { DICOMSEC_LIMITS: '{"workerHeapMb": 100000}' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/DICOMSEC_LIMITS: workerHeapMb can only be lowered/);
  }, 60_000);
});
