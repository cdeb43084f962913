// The language server's jobs (editor reviews, workspace listing, catalogue, cross checks, export)
// as job types of the one worker pool: the same worker, the same budgets and reasons as the CLI.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../server/src/core/errors.js';
import { createWorkerPool, ParseBudgetError, resolveWorkerScript, type WorkerPool } from '../../server/src/engine/worker-pool.js';
import { crossCandidates } from '../../server/src/engine/cross.js';
import { reviewFile } from '../../server/src/engine/review.js';

const samples = path.resolve(__dirname, '..', '..', 'samples');
const form = path.join(samples, 'northwind-imaging-nw-scope-200-mds2.xlsx');
const statement = path.join(samples, 'northwind-imaging-nw-scope-200-conformance.md');

describe('the language server\'s jobs in the worker pool', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = createWorkerPool({ size: 1, allowSimulation: true });
  });
  afterAll(() => pool.close());

  it('an editor review reads the file in the worker and returns source, plain model and the rules behind the findings', async () => {
    const { review, rules } = await pool.run({ type: 'editor-review', path: statement, options: {} });
    expect(review.status).toBe('reviewed');
    expect(review.source?.kind).toBe('text');
    expect(review.model?.kind).toBe('conformance-statement');
    expect(review.findings.length).toBeGreaterThan(0);
    for (const f of review.findings) expect(rules[f.ruleId]?.id).toBe(f.ruleId);
    // The same findings as the in-process review.
    expect(review.findings).toEqual((await reviewFile(statement)).findings);
  });

  it('an editor review of a missing file is unreadable with the reason the CLI gives', async () => {
    const err = await pool.run({ type: 'editor-review', path: path.join(samples, 'gone.pdf'), options: {} }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/cannot open the file \(ENOENT\)/);
  });

  it('lists documents, loads the catalogue, runs the cross checks and exports a report', async () => {
    const files = await pool.run({ type: 'discover', inputs: [samples], cwd: samples });
    expect(files).toContain(form);
    const all = await pool.run({ type: 'catalogue', path: samples, options: {}, all: true });
    expect(all.some((r) => r.appliesTo === 'cross')).toBe(true);
    const reviews = await Promise.all([form, statement].map(async (p) => ({ ...(await pool.run({ type: 'editor-review', path: p, options: {} })).review, path: p })));
    const cross = await pool.run({ type: 'cross', documents: crossCandidates(reviews), options: {} });
    expect(cross.subjects.map((s) => s.paths)).toEqual([[form, statement]]);
    expect(cross.subjects[0]!.findings.length).toBeGreaterThan(0);
    for (const f of cross.subjects[0]!.findings) expect(cross.rules[f.ruleId]?.appliesTo).toBe('cross');
    const exported = await pool.run({ type: 'export', inputs: [form, statement], format: 'json', options: {} });
    expect(JSON.parse(exported.text).crossFindings).toEqual(cross.subjects[0]!.findings);
  });

  it('a job of any type past its time budget is stopped with the reason naming the limit, and the pool goes on', async () => {
    const err = await pool.run({ type: 'discover', inputs: [samples], cwd: samples }, { timeoutMs: 300, simulate: 'hang' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseBudgetError);
    expect((err as Error).message).toBe('listing the documents took longer than the 300 ms time limit (timeoutMs) and was stopped');
    const crash = await pool.run({ type: 'cross', documents: [], options: {} }, { simulate: 'exit' }).catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(ParseBudgetError);
    expect((await pool.run({ type: 'catalogue', path: samples, options: {} })).length).toBeGreaterThan(0);
    expect(pool.stats.timeouts).toBe(1);
    expect(pool.stats.crashes).toBe(1);
  });

  it('recycle replaces idle workers; a broken configuration is a usage error', async () => {
    const started = pool.stats.started;
    pool.recycle();
    await pool.run({ type: 'discover', inputs: [form], cwd: samples });
    expect(pool.stats.started).toBe(started + 1);
    const err = await pool.run({ type: 'catalogue', path: samples, options: { overrides: { packs: { 'no-such-pack': true } } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/unknown pack "no-such-pack"/);
  });
});

it('the extension package ships the worker entry next to the server bundle', () => {
  const shipped = readFileSync(path.resolve(__dirname, '..', '..', '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
  const worker = path.relative(path.resolve(__dirname, '..', '..'), resolveWorkerScript()).split(path.sep).join('/');
  expect(worker).toBe('dist/worker.mjs');
  expect(shipped).toContain(worker);
  expect(shipped).toContain('dist/server.mjs');
});
