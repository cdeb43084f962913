// Every file of the generated hostile corpus through the real CLI (dist/cli.mjs, one batch with
// the healthy samples, under the no-network guard) and through the language server: each ends as
// reviewed or unreadable within its budget, unreadable ones with a one-line reason (naming the
// limit where one applies), no stack trace, bounded memory, nothing leaked, no network — and the
// healthy documents of the same run are still reviewed.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { generateHostileCorpus, type GeneratedCorpus, type HostileCase } from '../../scripts/hostile/generate.js';
import { guardedRun } from '../helpers/no-network.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { startHarness } from '../lsp/harness.js';
import { repoRoot } from '../helpers/paths.js';

const serverJs = path.join(repoRoot, 'dist', 'server.mjs');
const work = path.join(repoRoot, 'test', '.tmp', `hostile-${process.pid}`);
/** Main thread + 2 workers, each with a 512 MB heap and a 384 MB buffer budget, plus overshoot. */
const MAX_RSS_MB = 1600;

let corpus: GeneratedCorpus;

interface JsonDoc {
  path: string;
  status: 'reviewed' | 'unreadable';
  error?: string;
  findings: unknown[];
}

function run(args: string[], _label: string, cwd = work): Promise<CliRun> {
  return runCli(args, { cwd, env: { NO_COLOR: '1' } });
}

const STACK = /\n\s+at .+[:(]\d+/;

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  corpus = await generateHostileCorpus(path.join(work, 'corpus'), path.join(work, 'healthy'));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile corpus', () => {
  it('has at least 150 files across every supported format', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(150);
    const exts = new Set(corpus.cases.map((c) => path.extname(c.name)));
    for (const e of ['.xlsx', '.xls', '.csv', '.pdf', '.docx', '.odt', '.md', '.txt', '.html', '.xml', '.rst', '.tex']) expect(exts).toContain(e);
  });

  it('one CLI batch: every file ends cleanly, reasons are one line and name their limit, healthy documents are reviewed', async () => {
    const r = await run(['lint', '--format', 'json', '--jobs', '2', 'corpus', 'healthy'], 'batch');
    expect(r.net, 'network use').toEqual([]);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr.trim()).toBe('');
    expect(r.code).toBe(2);
    expect(r.rssMb, 'peak RSS of the whole CLI process (MB)').toBeLessThan(MAX_RSS_MB);
    const report = JSON.parse(r.stdout) as { documents: JsonDoc[]; skipped: { path: string; reason: string }[] };
    const byName = new Map(report.documents.map((d) => [path.relative(work, d.path), d]));
    const skippedByName = new Map(report.skipped.map((s) => [path.relative(work, s.path), s]));

    const problems: string[] = [];
    for (const c of corpus.cases as HostileCase[]) {
      if (c.name === 'x.pdf') continue; // a folder: searched, not read (see the next test)
      const d = byName.get(path.join('corpus', c.name));
      if (!d) {
        // Found in a folder and recognised as no vendor document: skipped with that reason, which
        // is never right for a file that must be reviewed or must fail closed.
        const skipped = skippedByName.get(path.join('corpus', c.name));
        if (!skipped) problems.push(`${c.name}: missing from the report`);
        else if (skipped.reason !== 'not-a-document' || c.expect !== 'any') problems.push(`${c.name}: skipped (${skipped.reason}), expected ${c.expect} (${c.attack})`);
        continue;
      }
      if (c.expect !== 'any' && d.status !== c.expect) problems.push(`${c.name}: ${d.status}, expected ${c.expect} (${c.attack}) ${d.error ?? ''}`);
      if (d.status === 'unreadable') {
        const e = d.error ?? '';
        if (!e.trim()) problems.push(`${c.name}: unreadable without a reason`);
        if (/\n/.test(e) || STACK.test(e) || e.length > 400) problems.push(`${c.name}: reason is not one short line: ${JSON.stringify(e)}`);
        if (c.reason && !new RegExp(c.reason, 'i').test(e)) problems.push(`${c.name}: reason ${JSON.stringify(e)} does not match /${c.reason}/`);
        if (/reader failed|internal error/i.test(e)) problems.push(`${c.name}: a reader bug, not a clean refusal: ${e}`);
      }
    }
    expect(problems).toEqual([]);

    for (const file of corpus.healthy) {
      const d = byName.get(path.relative(work, file));
      expect(d?.status, `${file}: ${d?.error ?? ''}`).toBe('reviewed');
      expect(d!.findings.length).toBeGreaterThan(0);
    }
    // External entities were never resolved; scripts never ran.
    expect(r.stdout).not.toMatch(/root:x:0:0/);
    expect(existsSync('/tmp/dicomsec-pwned.txt')).toBe(false);
  }, 240_000);

  it('single files: exit code 2 for each unreadable kind, reason on stdout, no stack trace', async () => {
    const picks = ['empty.pdf', 'noise.xlsx', 'bomb-sheet-300mb.xlsx', 'pdf-stream-bomb.pdf', 'ods-repeat-bomb.ods', 'wide-row.xlsx', 'zip-5000-entries.docx', 'sheets-1500.xlsx', 'pdf-encrypted.pdf', 'pdf-3000-pages.pdf', 'single-line-10mb.txt', 'single-line-10mb.csv', 'truncated-60.xlsx', 'fifo.xlsx', 'nul-bytes.txt',
      // Every PDF filter, alone and chained, and predictors: refused before pdf.js allocates.
      'pdf-lzw-bomb.pdf', 'pdf-predictor-columns.pdf', 'pdf-nested-flate-lzw.pdf', 'pdf-ascii85-bomb.pdf', 'pdf-runlength-bomb.pdf', 'pdf-brotli-bomb.pdf', 'pdf-flate-bad-checksums.pdf', 'sparse-60gb.pdf'];
    for (const name of picks) {
      const r = await run(['lint', '--format', 'stylish', path.join('corpus', name)], `one-${name}`);
      expect(r.code, `${name}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.net).toEqual([]);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stdout).toMatch(/unreadable|could not be read|cannot|limit|empty|encrypted|not a/i);
      // One document at a time: the budgets keep the whole process far below the batch bound.
      expect(r.rssMb, `${name}: peak RSS (MB)`).toBeLessThan(640);
    }
  }, 400_000);

  it('a folder named like a document is searched, never read as one, and holding nothing it is a usage error', async () => {
    const r = await run(['lint', '--format', 'json', path.join('corpus', 'x.pdf'), 'healthy/northwind-cs.md'], 'folder');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toMatch(/no documents to review in .*x\.pdf/);
    expect(r.code).toBe(2);
  });
});

describe.skipIf(!existsSync(serverJs))('hostile corpus through the language server', () => {
  it('answers every document with an unreadable error or findings, survives them all, and never touches the network', async () => {
    const guard = guardedRun(path.join(work, 'probe'), 'lsp');
    const h = await startHarness({
      rootDir: work,
      env: { ...guard.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${guard.nodeArgs.join(' ')}`.trim() },
    });
    try {
      const picks = corpus.cases.filter((c) => c.name !== 'x.pdf' && c.name !== 'fifo.xlsx' && !c.name.startsWith('bitflip-') && !c.name.startsWith('truncated-'));
      const pull = async (file: string): Promise<Diagnostic[]> => {
        const res = (await h.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: pathToFileURL(file).href } })) as FullDocumentDiagnosticReport;
        return res.items ?? [];
      };
      const problems: string[] = [];
      for (const c of picks) {
        const items = await pull(path.join(corpus.dir, c.name));
        const unreadable = items.find((d) => d.code === 'DICOMSEC-UNREADABLE');
        // In an editor, a text file that is not a statement (a README, notes) is simply not ours:
        // no diagnostics. Binary formats opened with dicomsec are always answered.
        const binary = /\.(xlsx|xls|ods|pdf|docx|odt)$/.test(c.name);
        if (!binary) {
          if (unreadable && STACK.test(String(unreadable.message))) problems.push(`${c.name}: stack trace`);
          continue;
        }
        if (c.expect === 'unreadable' && !unreadable) problems.push(`${c.name}: no unreadable diagnostic (${items.length} items)`);
        if (unreadable) {
          const msg = typeof unreadable.message === 'string' ? unreadable.message : '';
          if (unreadable.severity !== 1) problems.push(`${c.name}: unreadable is not an error`);
          if (STACK.test(msg)) problems.push(`${c.name}: stack trace in ${msg}`);
        }
        if (!unreadable && items.length === 0) problems.push(`${c.name}: an empty, clean result`);
      }
      expect(problems).toEqual([]);
      // Still alive and still right after all of that.
      const healthy = await pull(corpus.healthy.find((f) => f.endsWith('.md'))!);
      expect(healthy.length).toBeGreaterThan(0);
      expect(healthy.some((d) => d.code === 'DICOMSEC-UNREADABLE')).toBe(false);
      expect(h.proc.exitCode).toBeNull();
    } finally {
      await h.close();
    }
    expect(guard.violations()).toEqual([]);
    expect(guard.maxRssMb(), 'peak RSS of the language server (MB)').toBeGreaterThan(0);
    expect(guard.maxRssMb()!).toBeLessThan(MAX_RSS_MB);
  }, 400_000);
});
