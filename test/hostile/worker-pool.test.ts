// The worker pool: documents read in workers with heap and wall-time budgets; a worker that hangs,
// runs out of memory or dies costs only its document; every per-document limit is enforced and
// named in the reason. (Outcomes only: no timing assertions.)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreadableError, UsageError } from '../../server/src/core/errors.js';
import { reviewFile, reviewPaths } from '../../server/src/engine/review.js';
import { createWorkerPool, ParseBudgetError, ReaderBugError, type ReviewFn, type WorkerPool } from '../../server/src/engine/worker-pool.js';
import { CROSS_FAILED, crossInPool } from '../../server/src/engine/cross.js';
import type { Simulation } from '../../server/src/engine/jobs.js';
import { healthySeeds, type Seeds } from '../../scripts/hostile/generate.js';
import { repoRoot } from '../helpers/paths.js';

const work = path.join(repoRoot, 'test', '.tmp', `pool-${process.pid}`);
let seeds: Seeds;
const files: Record<string, string> = {};

beforeAll(() => {
  mkdirSync(work, { recursive: true });
  seeds = healthySeeds();
  const write = (name: string, data: Uint8Array | string) => {
    const f = path.join(work, name);
    writeFileSync(f, data);
    files[name] = f;
  };
  write('form.xlsx', seeds.xlsx);
  write('statement.pdf', seeds.pdf);
  write('statement.md', seeds.md);
  write('statement.docx', seeds.docx);
  write('form.csv', seeds.csv);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Tests only: a job that simulates a hang, an out-of-memory, a crash… (pools with allowSimulation). */
function simulate(pool: WorkerPool, kind: Simulation, options: { path?: string; timeoutMs?: number } = {}) {
  const path = options.path ?? `/simulated/${kind}.txt`;
  return pool.run({ type: 'parse', path, bytes: new TextEncoder().encode('simulated') }, { simulate: kind, timeoutMs: options.timeoutMs });
}

async function outcome(pool: WorkerPool, name: string): Promise<string> {
  const bytes = new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(files[name]!)));
  try {
    const doc = await pool.parse(files[name]!, bytes);
    return `reviewed:${doc.kind}`;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableError);
    const message = (err as Error).message;
    expect(message).not.toMatch(/\n/);
    return `unreadable:${message}`;
  }
}

describe('worker pool: reading documents', () => {
  it('parses workbooks, PDFs and text in workers', async () => {
    const pool = createWorkerPool({ size: 2 });
    try {
      expect(await outcome(pool, 'form.xlsx')).toBe('reviewed:mds2');
      expect(await outcome(pool, 'statement.pdf')).toBe('reviewed:conformance-statement');
      expect(await outcome(pool, 'statement.md')).toBe('reviewed:conformance-statement');
      expect(pool.stats.crashes).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('stops a hanging reader at the time limit, names the limit, and replaces the worker', async () => {
    // The tight budget for the hanging job only: a healthy document in a fresh worker on a busy
    // machine may need more than 400 ms.
    const pool = createWorkerPool({ size: 1, allowSimulation: true });
    try {
      const err = await simulate(pool, 'hang', { timeoutMs: 400 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParseBudgetError);
      expect((err as UnreadableError).reason).toBe('limit');
      expect((err as Error).message).toMatch(/time limit/);
      expect(pool.stats.timeouts).toBe(1);
      // The next document gets a fresh worker.
      expect(await outcome(pool, 'statement.md')).toBe('reviewed:conformance-statement');
      expect(pool.stats.started).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('survives a worker that runs out of memory: that document is unreadable, naming the memory limit', async () => {
    const pool = createWorkerPool({ size: 1, limits: { workerHeapMb: 48 }, allowSimulation: true });
    try {
      const err = await simulate(pool, 'oom').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParseBudgetError);
      expect((err as Error).message).toMatch(/memory limit/);
      expect((err as Error).message).not.toMatch(/\n/);
      expect(await outcome(pool, 'statement.md')).toBe('reviewed:conformance-statement');
    } finally {
      await pool.close();
    }
  });

  it('stops a reader whose buffers (off-heap, unseen by the heap limit) pass their budget', async () => {
    const pool = createWorkerPool({ size: 1, limits: { workerBuffersMb: 64 }, allowSimulation: true });
    try {
      const err = await simulate(pool, 'buffers').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParseBudgetError);
      expect((err as Error).message).toMatch(/64 MB buffer-memory limit/);
      expect(await outcome(pool, 'statement.md')).toBe('reviewed:conformance-statement');
      expect(pool.stats.crashes).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('survives a worker that exits, and reports a reader bug as a bug, not as a clean result', async () => {
    const pool = createWorkerPool({ size: 1, allowSimulation: true });
    try {
      const crash = await simulate(pool, 'exit').catch((e: unknown) => e);
      expect(crash).toBeInstanceOf(ParseBudgetError);
      expect((crash as Error).message).toMatch(/crashed/);
      const bug = await simulate(pool, 'throw').catch((e: unknown) => e);
      expect(bug).toBeInstanceOf(ReaderBugError);
      expect((bug as Error).message).toMatch(/TypeError: simulated reader bug/);
      expect(await outcome(pool, 'statement.md')).toBe('reviewed:conformance-statement');
    } finally {
      await pool.close();
    }
  });

  it('ignores simulation requests unless the pool allows them', async () => {
    const pool = createWorkerPool({ size: 1 });
    try {
      // The request is parsed as the plain text it carries: not a document, but no hang.
      const err = await simulate(pool, 'hang').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnreadableError);
      expect(err).not.toBeInstanceOf(ParseBudgetError);
    } finally {
      await pool.close();
    }
  });

  it('reviews the rest of a batch when one document hangs, in discovery order, with several workers', async () => {
    // Generous for the healthy documents (a fresh worker loads pdf.js while the other one spins).
    const pool = createWorkerPool({ size: 2, limits: { timeoutMs: 5000 }, allowSimulation: true });
    const hang = path.join(work, 'batch', 'b-hangs.md');
    mkdirSync(path.dirname(hang), { recursive: true });
    writeFileSync(hang, seeds.md);
    writeFileSync(path.join(work, 'batch', 'a-form.xlsx'), seeds.xlsx);
    writeFileSync(path.join(work, 'batch', 'c-statement.pdf'), seeds.pdf);
    writeFileSync(path.join(work, 'batch', 'd-statement.md'), seeds.md);
    try {
      const report = await reviewPaths([path.join(work, 'batch')], {
        parse: (p, b) => (p === hang ? simulate(pool, 'hang', { path: p }) : pool.parse(p, b)),
        concurrency: pool.size,
      });
      expect(report.documents.map((d) => [path.basename(d.path), d.status]), JSON.stringify(report.documents.map((d) => d.error))).toEqual([
        ['a-form.xlsx', 'reviewed'],
        ['b-hangs.md', 'unreadable'],
        ['c-statement.pdf', 'reviewed'],
        ['d-statement.md', 'reviewed'],
      ]);
      expect(report.documents[1]!.error).toMatch(/time limit/);
    } finally {
      await pool.close();
    }
  });

  it('reviews a document whole in a worker: findings and model, no source, the same as in-process', async () => {
    const pool = createWorkerPool({ size: 1 });
    try {
      const bytes = new Uint8Array(readFileSync(files['form.xlsx']!));
      const { review, model, extraFiles } = await pool.review(files['form.xlsx']!, bytes, {});
      expect(review.status).toBe('reviewed');
      expect(model?.stub.kind).toBe('mds2');
      expect(extraFiles).toEqual([]);
      expect('source' in review).toBe(false);
      const local = await reviewFile(files['form.xlsx']!);
      expect(review.findings).toEqual(local.findings);
      // The model comes back packed and reads as the in-process one.
      const viaPool = await reviewFile(files['form.xlsx']!, { review: pool.review });
      expect(viaPool.model?.kind).toBe('mds2');
      expect(JSON.parse(JSON.stringify(viaPool.model))).toEqual(JSON.parse(JSON.stringify(local.model)));
      const viaOption = await reviewFile(files['form.xlsx']!, { review: pool.review, overrides: { rules: { 'MDS2-DOC-003': 'off' } } });
      expect(viaOption.findings.some((f) => f.ruleId === 'MDS2-DOC-003')).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('a job over its time or buffer budget while rules are evaluated is unreadable, naming the limit', async () => {
    const bytes = new Uint8Array(readFileSync(files['statement.md']!));
    for (const [kind, limits, timeoutMs, reason] of [
      ['hang', undefined, 1500, /time limit/],
      ['buffers', { workerBuffersMb: 64 }, undefined, /buffer-memory limit/],
    ] as const) {
      const pool = createWorkerPool({ size: 1, limits, allowSimulation: true });
      // The simulated failure once the document is parsed, while its rules are evaluated (the time
      // budget for that job only, so the healthy review after it is not held to 1.5 s).
      const failing: ReviewFn = (p, b, o) => pool.run({ type: 'review', path: p, bytes: b, options: o }, { simulate: kind, simulatePhase: 'evaluate', timeoutMs });
      try {
        const err = await failing(files['statement.md']!, bytes, {}).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ParseBudgetError);
        expect((err as Error).message).toMatch(reason);
        const r = await reviewFile(files['statement.md']!, { review: failing });
        expect(r.status).toBe('unreadable');
        expect(r.error).toMatch(reason);
        expect((await pool.review(files['statement.md']!, bytes, {})).review.status).toBe('reviewed');
      } finally {
        await pool.close();
      }
    }
  });

  it('a broken .dicomsec.yaml is a usage error from the worker, never an unreadable document', async () => {
    const dir = path.join(work, 'broken-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'rulez: {}\n');
    writeFileSync(path.join(dir, 'cs.md'), seeds.md);
    const pool = createWorkerPool({ size: 1 });
    try {
      const err = await reviewFile(path.join(dir, 'cs.md'), { review: pool.review, cwd: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(/\.dicomsec\.yaml:1:1: .*unknown key "rulez"/);
    } finally {
      await pool.close();
    }
  });

  it('rejects further work once closed', async () => {
    const pool = createWorkerPool({ size: 1 });
    await pool.close();
    await expect(pool.parse('/x.md', new Uint8Array([65]))).rejects.toBeInstanceOf(UnreadableError);
  });
});

describe('per-document limits, each named in the reason', () => {
  const cases: [string, Parameters<typeof createWorkerPool>[0] & object, string, RegExp][] = [
    ['file size', { limits: { maxFileBytes: 1024 } }, 'form.xlsx', /size limit/],
    ['decompressed size', { limits: { maxDecompressedBytes: 2048 } }, 'form.xlsx', /byte limit/],
    ['zip entries', { limits: { maxZipEntries: 3 } }, 'form.xlsx', /entry limit/],
    ['sheet count', { limits: { maxSheets: 0 } }, 'form.xlsx', /sheet limit/],
    ['sheet cells', { limits: { maxSheetCells: 50 } }, 'form.xlsx', /cell limit/],
    ['CSV cells', { limits: { maxSheetCells: 50 } }, 'form.csv', /cell limit/],
    ['PDF pages', { limits: { maxPdfPages: 1 } }, 'statement.pdf', /page limit/],
    ['PDF decoded streams', { limits: { maxPdfStreamBytes: 1000 } }, 'statement.pdf', /streams expand past the maxPdfStreamBytes limit \(1000 bytes/],
    ['line length', { limits: { maxLineLength: 40 } }, 'statement.md', /character limit/],
    ['Word decompressed size', { limits: { maxDecompressedBytes: 1000 } }, 'statement.docx', /byte limit/],
    ['wall time', { limits: { timeoutMs: 1 } }, 'statement.pdf', /time limit/],
  ];
  for (const [label, options, file, reason] of cases) {
    it(`${label}: ${file} is unreadable past the budget`, async () => {
      const pool = createWorkerPool({ size: 1, ...options });
      try {
        const result = await outcome(pool, file);
        expect(result).toMatch(/^unreadable:/);
        expect(result).toMatch(reason);
      } finally {
        await pool.close();
      }
    });
  }

  it('a folder and a FIFO are unreadable, never read', async () => {
    const dir = path.join(work, 'folder.pdf');
    mkdirSync(dir, { recursive: true });
    const r = await reviewFile(dir);
    expect(r.status).toBe('unreadable');
    expect(r.error).toMatch(/folder/);
  });
});

describe('cross-document checks in the pool', () => {
  const samples = path.join(repoRoot, 'samples');
  const pair = ['northwind-imaging-nw-scope-200-mds2.xlsx', 'northwind-imaging-nw-scope-200-conformance.md'].map((f) => path.join(samples, f));

  it('give the in-process findings, with the models sent packed as the workers returned them', async () => {
    const pool = createWorkerPool({ size: 1 });
    try {
      const local = await reviewPaths(pair);
      expect(local.crossFindings.length).toBeGreaterThan(0);
      const pooled = await reviewPaths(pair, { review: pool.review, cross: crossInPool(pool) });
      expect(pooled.crossFindings).toEqual(local.crossFindings);
    } finally {
      await pool.close();
    }
  });

  it('past their budget are one error finding on both documents, never a silent pass', async () => {
    const pool = createWorkerPool({ size: 1, limits: { timeoutMs: 1 } });
    try {
      const report = await reviewPaths(pair, { cross: crossInPool(pool) });
      expect(report.documents.map((d) => d.status)).toEqual(['reviewed', 'reviewed']);
      expect(report.crossFindings).toHaveLength(1);
      const [f] = report.crossFindings;
      expect(f).toMatchObject({ ruleId: CROSS_FAILED, severity: 'error' });
      expect(f!.message).toMatch(/could not be completed: the cross-document checks took longer than the 1 ms time limit/);
      expect(f!.evidence.map((e) => e.path).sort()).toEqual([...pair].sort());
    } finally {
      await pool.close();
    }
  });
});

describe('a CEL runtime error in a rule, in the pool', () => {
  const samples = path.join(repoRoot, 'samples');
  const rule = (id: string, appliesTo: string, when: string) =>
    [
      `  - id: ${id}`,
      '    title: A local rule whose condition fails at run time',
      '    severity: info',
      `    appliesTo: ${appliesTo}`,
      '    frameworks:',
      '      nsa-mnp: [M1]',
      `    when: '${when}'`,
      '    message: never shown',
      '    rationale: Local policy.',
      '    remediation: Nothing to do.',
      '    question: Ask.',
      '    rfpClause: The supplier shall answer.',
    ].join('\n');

  it("is one error finding for that rule and document; the document's other rules and the cross checks still report", async () => {
    const dir = path.join(work, 'broken-rule');
    mkdirSync(dir, { recursive: true });
    for (const f of ['northwind-imaging-nw-scope-200-mds2.xlsx', 'northwind-imaging-nw-scope-200-conformance.md']) writeFileSync(path.join(dir, f), readFileSync(path.join(samples, f)));
    writeFileSync(
      path.join(dir, 'local.yaml'),
      ['pack: local', 'title: Local rules', 'rules:', rule('LOCAL-CS-901', 'conformance-statement', 'cs.noSuchFact.deeper == 1'), rule('LOCAL-X-902', 'cross', '1 / 0 == 1')].join('\n') + '\n',
    );
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'customPacks: [local.yaml]\n');
    const pool = createWorkerPool({ size: 1 });
    try {
      const report = await reviewPaths([dir], { cwd: dir, review: pool.review, cross: crossInPool(pool) });
      const form = report.documents.find((d) => d.kind === 'mds2');
      const statement = report.documents.find((d) => d.kind === 'conformance-statement');
      expect([form!.status, statement!.status]).toEqual(['reviewed', 'reviewed']);
      const broken = statement!.findings.filter((f) => f.ruleId === 'LOCAL-CS-901');
      expect(broken).toHaveLength(1);
      expect(broken[0]).toMatchObject({ severity: 'error' });
      expect(broken[0]!.message).toMatch(/^rule LOCAL-CS-901 could not be evaluated.*: CEL evaluation failed/);
      expect(broken[0]!.evidence[0]!.path).toBe(statement!.path);
      expect(statement!.findings.some((f) => f.ruleId.startsWith('CS-'))).toBe(true);
      expect(form!.findings.some((f) => f.ruleId === 'LOCAL-CS-901')).toBe(false);
      const crossBroken = report.crossFindings.filter((f) => f.ruleId === 'LOCAL-X-902');
      expect(crossBroken).toHaveLength(1);
      expect(crossBroken[0]!.severity).toBe('error');
      expect(crossBroken[0]!.evidence.map((e) => e.path)).toEqual([form!.path, statement!.path]);
      expect(report.crossFindings.some((f) => f.ruleId !== 'LOCAL-X-902')).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
