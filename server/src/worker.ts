// The one worker entry (dist/worker.mjs) of the worker pool (engine/worker-pool.ts), for the CLI
// and the language server alike: runs one job at a time (engine/jobs.ts) — reading and reviewing
// a document, listing documents, the rule catalogue, cross-document checks, a report export.
// A vendor file that hangs or exhausts memory here costs this worker, never a main thread; the
// pool replaces it. The budgets (time, heap, buffers) cover each whole job, rules included.
// An entry beside cli.ts and lsp/server.ts, not inside engine/, because the export job formats
// reports (presenters) and editor data (lsp/export.ts).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { UnreadableError, UsageError } from './core/errors.js';
import { describeLimit, limits } from './core/limits.js';
import type { Job, JobRequest, JobResponse, Simulation, WorkerSetup } from './engine/jobs.js';

async function simulate(kind: Simulation): Promise<void> {
  switch (kind) {
    case 'buffers': {
      // a reader inflating a bomb into ArrayBuffers, step by step
      const hoard: Buffer[] = [];
      for (;;) {
        hoard.push(Buffer.alloc(16 * 1024 * 1024, 1));
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    case 'hang':
      for (;;) {
        // a reader stuck in a loop: only terminate() ends this
      }
    case 'oom': {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array(1_000_000).fill(Math.random()));
    }
    case 'exit':
      process.exit(3);
    case 'throw':
      throw new TypeError('simulated reader bug');
  }
}

// Loaded on first use (or at start, when the pool asks for a warm worker).
let reviewModules: Promise<[typeof import('./engine/document-review.js'), typeof import('./engine/lazy-model.js'), typeof import('./documents/parse.js')]> | undefined;
const loadReviewModules = () => (reviewModules ??= Promise.all([import('./engine/document-review.js'), import('./engine/lazy-model.js'), import('./documents/parse.js')]));

/** Errors thrown inside rule evaluation: a usage error stays one, reading errors pass, the rest are evaluation errors. */
function evaluationFailure(id: number, err: unknown): JobResponse {
  if (err instanceof UsageError) return { id, ok: false, usage: true, message: err.message };
  if (err instanceof UnreadableError) throw err;
  return { id, ok: false, evaluation: true, message: String((err as Error)?.message ?? err) };
}

async function review(req: JobRequest & Job<'review' | 'editor-review'>, allowSimulation: boolean): Promise<JobResponse> {
  const [{ reviewSetup, reviewParsed, extraSourceFiles }, { packModel }, { parseDocument }] = await loadReviewModules();
  // The configuration first, as the in-process review does: a broken one is a usage error
  // whatever the document holds.
  let setup;
  try {
    setup = reviewSetup(req.path, req.options);
  } catch (err) {
    if (err instanceof UsageError) return { id: req.id, ok: false, usage: true, message: err.message };
    throw err;
  }
  const phase = req.simulatePhase ?? 'parse';
  if (req.simulate && allowSimulation && phase === 'parse') await simulate(req.simulate);
  const bytes = req.bytes ?? (await (await import('./engine/review.js')).readDocumentBytes(req.path));
  const doc = await parseDocument(req.path, bytes);
  if (req.simulate && allowSimulation && phase === 'evaluate') await simulate(req.simulate);
  try {
    const { model, ...result } = reviewParsed(doc, setup);
    if (req.type === 'review') return { id: req.id, ok: true, value: { review: result, model: model && packModel(model), extraFiles: extraSourceFiles(doc) } };
    const { ruleInfo } = await import('./rules/rule.js');
    const rules: Record<string, ReturnType<typeof ruleInfo>> = {};
    for (const f of [...result.findings, ...result.waived, ...(result.pendingCross ?? []).map((p) => p.finding)]) {
      const r = setup.catalog.get(f.ruleId);
      if (r) rules[r.id] = ruleInfo(r);
    }
    return { id: req.id, ok: true, value: { review: { ...result, model, source: doc.source }, rules } };
  } catch (err) {
    return evaluationFailure(req.id, err);
  }
}

async function run(req: JobRequest, allowSimulation: boolean): Promise<JobResponse> {
  if (req.type === 'review' || req.type === 'editor-review') return review(req, allowSimulation);
  if (req.simulate && allowSimulation) await simulate(req.simulate);
  const ok = (value: unknown): JobResponse => ({ id: req.id, ok: true, value });
  switch (req.type) {
    case 'parse': {
      const { parseDocument } = await import('./documents/parse.js');
      return ok(await parseDocument(req.path, req.bytes));
    }
    case 'discover': {
      const { discoverDocuments } = await import('./engine/discover.js');
      // A workspace folder without documents is normal in an editor.
      return ok(discoverDocuments(req.inputs, req.cwd, { allowEmptyFolders: true }));
    }
    case 'catalogue': {
      const { ruleInfo } = await import('./rules/rule.js');
      if (req.all) return ok((await import('./rules/catalog.js')).fullCatalog().rules.map(ruleInfo));
      return ok((await import('./engine/settings.js')).catalogFor(req.path, req.options).rules.map(ruleInfo));
    }
    case 'cross': {
      const { crossJob } = await import('./engine/cross.js');
      try {
        return ok(crossJob(req.documents, req.options));
      } catch (err) {
        return evaluationFailure(req.id, err);
      }
    }
    case 'exposure': {
      const { exposureJob } = await import('./engine/exposure.js');
      return ok(exposureJob(req.documents, req.options));
    }
    case 'exposure-report': {
      const [{ reviewPaths }, { buildExposurePlan, conflictCount }, { presentExposure }] = await Promise.all([import('./engine/review.js'), import('./engine/exposure.js'), import('./presenters/exposure.js')]);
      const report = await reviewPaths(req.inputs, req.options);
      const plan = buildExposurePlan(report.documents, req.options);
      return ok({ text: presentExposure(req.format, plan, { cwd: req.options.cwd }), products: plan.products.length, unreadable: plan.unreadable.length, conflicts: conflictCount(plan) });
    }
    case 'config-check': {
      const { configDiagnostics, configHover, knownRulesOf } = await import('./lsp/config-files.js');
      const { fullCatalog } = await import('./rules/catalog.js');
      const { ruleInfo } = await import('./rules/rule.js');
      let known;
      try {
        known = knownRulesOf(fullCatalog().rules.map(ruleInfo));
      } catch {
        known = undefined; // as on the main thread: checked without rule knowledge
      }
      if (req.op === 'hover') return ok(configHover(req.kind, req.text, { line: req.line, character: req.character }, known) ?? null);
      return ok(configDiagnostics(req.kind, req.path, req.text, known));
    }
    case 'compare': {
      const { compareForEditor } = await import('./lsp/compare-jobs.js');
      return ok(await compareForEditor(req.inputs, req.format, req.options));
    }
    case 'diff': {
      const { diffForEditor } = await import('./lsp/compare-jobs.js');
      return ok(await diffForEditor(req.old, req.new, req.format, req.options));
    }
    case 'export': {
      const [{ reviewPaths, catalogFor }, { formatReport }] = await Promise.all([import('./engine/review.js'), import('./lsp/export.js')]);
      const report = await reviewPaths(req.inputs, req.options);
      const catalog = catalogFor(req.inputs[0] ?? req.options.cwd ?? process.cwd(), req.options);
      return ok(formatReport(report, req.format, catalog, req.options.cwd));
    }
  }
}

async function handle(req: JobRequest, allowSimulation: boolean): Promise<JobResponse> {
  try {
    return await run(req, allowSimulation);
  } catch (err) {
    if (err instanceof UnreadableError) return { id: req.id, ok: false, unreadable: true, message: err.message, reason: err.reason };
    if (err instanceof UsageError) return { id: req.id, ok: false, usage: true, message: err.message };
    const e = err as Error | undefined;
    return { id: req.id, ok: false, unreadable: false, name: e?.name ?? 'Error', message: String(e?.message ?? err) };
  }
}

export function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  const setup = (workerData ?? {}) as WorkerSetup;
  if (setup.limits) Object.assign(limits, setup.limits);
  const allowSimulation = setup.allowSimulation === true;
  if (setup.preload) {
    // While the main thread loads its own modules: the review's modules, the shipped rule packs
    // and the workbook reader.
    void loadReviewModules()
      .then(() => import('./rules/catalog.js'))
      .then((catalog) => catalog.loadBuiltinPacks())
      .catch(() => undefined);
    void import('./readers/spreadsheet.js').catch(() => undefined);
  }
  let current: JobRequest | undefined;
  let answered = false;
  const answer = (res: JobResponse) => {
    if (answered || !current || res.id !== current.id) return;
    answered = true;
    try {
      // A packed model's bytes move to the main thread instead of being copied.
      const value = res.ok ? (res.value as { model?: { bytes?: unknown } } | undefined) : undefined;
      const bytes = current.type === 'review' && value?.model?.bytes instanceof Uint8Array ? value.model.bytes : undefined;
      const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      port.postMessage(res, own ? [bytes.buffer as ArrayBuffer] : []);
    } catch (err) {
      // A result that cannot cross the thread boundary is a bug of ours, reported as such.
      port.postMessage({ id: res.id, ok: false, unreadable: false, name: 'DataCloneError', message: (err as Error).message } satisfies JobResponse);
    }
  };
  // A reader that leaves a promise rejected or throws from a callback (pdf.js does, on some
  // corrupt cross-reference tables) would otherwise kill the worker: the document in hand is
  // corrupt, and this worker, whose reader state is now unknown, is replaced.
  const stray = (err: unknown) => {
    if (!current || answered) return;
    const e = err as Error | undefined;
    const what = `${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${String(e?.message ?? err)}`.replace(/\s+/g, ' ').slice(0, 200);
    answer({ id: current.id, ok: false, unreadable: true, reason: 'corrupt', recycle: true, message: `the document is corrupt (${what})` });
  };
  process.on('unhandledRejection', stray);
  process.on('uncaughtException', stray);
  port.on('message', (req: JobRequest) => {
    current = req;
    answered = false;
    // Off-heap memory (inflated streams, buffers) is invisible to the heap limit: watch it between
    // the job's steps and give up past its budget. The worker then exits (its state is not trusted
    // any more) and the pool starts a new one.
    const watchdog = setInterval(() => {
      const { external, arrayBuffers } = process.memoryUsage();
      const used = Math.max(external, arrayBuffers) / (1024 * 1024);
      if (used <= limits.workerBuffersMb) return;
      clearInterval(watchdog);
      answer({
        id: req.id,
        ok: false,
        unreadable: true,
        transient: true,
        reason: 'limit',
        message: `${req.type === 'parse' || req.type.endsWith('review') ? 'reading' : `the ${req.type} job`} needed more than the ${describeLimit('workerBuffersMb', limits.workerBuffersMb)} (workerBuffersMb) and was stopped`,
      });
      process.exit(0);
    }, 50);
    void handle(req, allowSimulation).then((res) => {
      clearInterval(watchdog);
      answer(res);
    });
  });
}

if (!isMainThread) runWorker();
