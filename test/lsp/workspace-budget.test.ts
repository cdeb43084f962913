// Workspace discovery in the language server has a budget: a file that blocks when read (a FIFO
// where a Sphinx index is expected, a FIFO named like a PDF) cannot keep the healthy documents out
// of the Problems panel, whether discovery or the review meets it. The blocking files themselves
// are reported as unreadable. The fallback past the listing budget is tested on its own below,
// with a pool that never answers (discovery now reads files without blocking, so a FIFO no longer
// reaches it).
import { copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LIST_BUDGET_MS, listByName, Workspace } from '../../server/src/lsp/workspace.js';
import type { WorkerPool } from '../../server/src/engine/worker-pool.js';
import { conformanceStatement, repoRoot, startHarness, type Harness } from './harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `lsp-budget-${process.pid}`);
const uri = (p: string) => pathToFileURL(p).href;
const csvSample = path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-mds2.csv');
const UNREADABLE = 'DICOMSEC-UNREADABLE';

type WorkspaceReport = { items: { uri: string; kind: string; items?: Diagnostic[] }[] };

describe.skipIf(process.platform === 'win32')('workspace diagnostics with files that block', () => {
  let h: Harness;
  const ws = path.join(work, 'vendor');
  const healthy = { statement: path.join(ws, 'acme-cs.md'), form: path.join(ws, 'forms', 'northwind-mds2.csv') };
  const fifoIndex = path.join(ws, 'docs', 'index.rst');
  const fifoPdf = path.join(ws, 'slow.pdf');

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(path.join(ws, 'forms'), { recursive: true });
    mkdirSync(path.join(ws, 'docs'), { recursive: true });
    writeFileSync(healthy.statement, conformanceStatement());
    copyFileSync(csvSample, healthy.form);
    // Nobody ever writes to these pipes: reading one blocks for ever.
    execFileSync('mkfifo', [fifoIndex, fifoPdf]);
    h = await startHarness({ rootDir: ws });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('publishes the healthy documents and reports each blocking file as unreadable', async () => {
    const seen = new Map<string, Diagnostic[]>();
    // The client pulls again after each answer, as VS Code does, until every document is in.
    for (let i = 0; i < 10 && seen.size < 4; i++) {
      const r = (await h.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceReport;
      for (const item of r.items) if (item.kind === 'full') seen.set(item.uri, item.items ?? []);
    }
    const statement = seen.get(uri(healthy.statement));
    const form = seen.get(uri(healthy.form));
    expect(statement?.some((d) => d.code === 'CS-TLS-001')).toBe(true);
    expect(statement?.some((d) => d.code === UNREADABLE)).toBe(false);
    expect(form?.length).toBeGreaterThan(5);
    expect(form?.some((d) => d.code === UNREADABLE)).toBe(false);
    for (const fifo of [fifoPdf, fifoIndex]) {
      const unreadable = seen.get(uri(fifo))?.find((d) => d.code === UNREADABLE);
      expect(unreadable, fifo).toBeDefined();
      expect(String(unreadable!.message)).toMatch(/not a regular file/);
    }
    expect(h.proc.exitCode).toBeNull();
  }, 60_000);
});

describe('listing the workspace by name', () => {
  const dir = path.join(work, 'by-name');

  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'b', 'deeper'), { recursive: true });
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(path.join(dir, 'a-cs.md'), '# x');
    writeFileSync(path.join(dir, 'b', 'deeper', 'form.xlsx'), 'x');
    writeFileSync(path.join(dir, 'b', 'notes.yaml'), '{}');
    writeFileSync(path.join(dir, '.git', 'HEAD.md'), 'x');
    writeFileSync(path.join(dir, 'node_modules', 'x', 'README.md'), 'x');
    symlinkSync('/etc/hostname', path.join(dir, 'link.txt'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(dir, 'pipe.pdf')]);
  });

  it('lists documents without opening them, skips tool folders and links, in a stable order', async () => {
    const { files, complete } = await listByName([dir], Date.now() + 10_000);
    expect(complete).toBe(true);
    const expected = ['a-cs.md', 'b/deeper/form.xlsx', ...(process.platform !== 'win32' ? ['pipe.pdf'] : [])];
    expect(files.map((f) => path.relative(dir, f).split(path.sep).join('/'))).toEqual(expected);
  });

  it('stops at its deadline and says it is incomplete', async () => {
    const { complete } = await listByName([dir], Date.now() - 1);
    expect(complete).toBe(false);
  });

  it('stands in for a discovery that does not answer within the budget, and takes its list when it comes', async () => {
    let answer: (files: string[]) => void = () => {};
    const pool = { run: () => new Promise((r) => (answer = r)) } as unknown as WorkerPool;
    const logs: string[] = [];
    const workspace = new Workspace(pool, (m) => logs.push(m));
    workspace.open({ processId: null, rootUri: uri(dir), capabilities: {}, workspaceFolders: null });
    let changed = 0;
    workspace.onListChanged = () => changed++;
    const first = await workspace.files();
    expect(first.map((f) => path.basename(f))).toContain('form.xlsx');
    expect(logs.join('\n')).toContain(`passed ${LIST_BUDGET_MS} ms`);
    answer([path.join(dir, 'a-cs.md')]);
    await new Promise((r) => setTimeout(r, 10));
    expect(changed).toBe(1);
    expect(await workspace.files()).toEqual([path.join(dir, 'a-cs.md')]);
  }, 20_000);
});
