// The one worker pool (worker_threads) of the CLI and the language server. Every job that reads a
// vendor file, walks the disk or evaluates rules (jobs.ts) runs in a worker (dist/worker.mjs)
// with the same budgets on both faces: a heap limit (limits.workerHeapMb), a wall-time budget
// (limits.timeoutMs unless the job is given its own), and, inside the worker, the off-heap buffer
// watchdog and the stray-rejection guard. Past a budget the worker is terminated; a worker that
// dies (out of memory, crash) is replaced. Either way that one job fails with a one-line reason
// naming the limit, and the rest go on. Workers start on demand, unless prewarmed.
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UnreadableError, UsageError } from '../core/errors.js';
import { describeLimit, limits as defaultLimits, type Limits } from '../core/limits.js';
import type { ParsedDocument } from '../documents/document.js';
import type { DocumentReviewOptions } from './document-review.js';
import type { Job, JobRequest, JobResponse, JobType, JobValue, ReviewResult, Simulation, WorkerSetup } from './jobs.js';

export type { ReviewResult } from './jobs.js';
/** Reviews one document's bytes (parse, rules, waivers) and returns the result without its source. */
export type ReviewFn = (path: string, bytes: Uint8Array, options: DocumentReviewOptions) => Promise<ReviewResult>;

/**
 * A job that went past a budget enforced by the pool (time, memory) or killed its worker.
 * These depend on the machine and its load, not only on the bytes: never cached.
 */
export class ParseBudgetError extends UnreadableError {
  readonly transient = true;
  constructor(message: string, reason: 'limit' | 'crash') {
    super(message, reason);
    this.name = 'ParseBudgetError';
  }
}

/** An exception other than UnreadableError inside a reader: a bug of ours, surfaced as such. */
export class ReaderBugError extends Error {
  readonly internal = true;
  constructor(name: string, message: string) {
    super(`the reader failed (${name}: ${message})`);
    this.name = 'ReaderBugError';
  }
}

/** An exception while rules were evaluated (not a rule's CEL error: those are findings). */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

export interface WorkerPoolOptions {
  /** Number of workers (default: min(2, CPUs)). */
  size?: number;
  /** Budgets for this pool, over the defaults of core/limits.ts (also applied inside the workers). */
  limits?: Partial<Limits>;
  /** Workers to start at once, so their start-up overlaps the caller's own (default 0: on demand). */
  prewarm?: number;
  /** The worker script; default: worker.mjs next to the bundle (dist/). */
  workerScript?: string | URL;
  /** Worker output and restarts (never stdout: the CLI's reports, the language server's channel). */
  log?: (message: string) => void;
  /** Tests only: let requests simulate hangs, out-of-memory and crashes. */
  allowSimulation?: boolean;
}

export interface WorkerPoolStats {
  started: number;
  timeouts: number;
  crashes: number;
  completed: number;
}

export interface RunOptions {
  /** Wall time for this job (default limits.timeoutMs). */
  timeoutMs?: number;
  /** Tests only (needs allowSimulation). */
  simulate?: Simulation;
  simulatePhase?: 'parse' | 'evaluate';
}

export interface WorkerPool {
  run<T extends JobType>(job: Job<T>, options?: RunOptions): Promise<JobValue<T>>;
  parse(path: string, bytes: Uint8Array): Promise<ParsedDocument>;
  /** The whole review in a worker: a UsageError for a broken config or rule pack, else as parse. */
  review: ReviewFn;
  /** Replaces every worker (idle ones now, busy ones after their job): workers cache loaded packs and configs. */
  recycle(): void;
  close(): Promise<void>;
  readonly size: number;
  readonly stats: Readonly<WorkerPoolStats>;
}

export function defaultJobs(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(2, n));
}

/** Where the bundled worker lives: next to the bundle, one level up from a chunk, or dist/ from sources. */
export function resolveWorkerScript(): string {
  const candidates = ['./worker.mjs', '../worker.mjs', '../../../dist/worker.mjs'];
  for (const rel of candidates) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('worker.mjs not found: run "node scripts/build.mjs" first');
}

function startWorker(script: string | URL, heapMb: number, setup: WorkerSetup): Worker {
  return new Worker(script, {
    workerData: setup,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, stackSizeMb: 4 },
    // pdf.js and SheetJS may print warnings: never onto this process's stdout.
    stdout: true,
    stderr: true,
  });
}

let prewarmed: Worker | undefined;

/**
 * Starts one worker with the default budgets before the caller loads the rest of its modules
 * (the CLI's entry does, for `lint` and `inspect`); the first pool with default budgets adopts it.
 * Unreferenced: a run that never creates a pool exits as if it had not been started.
 */
export function prewarmWorker(): void {
  if (prewarmed) return;
  prewarmed = startWorker(resolveWorkerScript(), defaultLimits.workerHeapMb, { preload: true });
  prewarmed.unref();
}

interface Pending {
  req: JobRequest;
  timeoutMs: number;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker?: Worker;
  job?: Pending;
  timer?: NodeJS.Timeout;
  /** Replace the worker once its current job is done. */
  recycle?: boolean;
}

/** What a job is, in a log line and a time-limit reason. */
function activity(req: JobRequest): string {
  switch (req.type) {
    case 'parse':
    case 'review':
    case 'editor-review':
      return 'reading';
    case 'discover':
      return 'listing the documents';
    case 'catalogue':
      return 'loading the rule catalogue';
    case 'cross':
      return 'the cross-document checks';
    case 'exposure':
    case 'exposure-report':
      return 'the network exposure plan';
    case 'export':
      return 'the report';
    case 'compare':
      return 'the product comparison';
    case 'diff':
      return 'the revision diff';
    case 'config-check':
      return 'checking the configuration file';
  }
}

function subject(req: JobRequest): string {
  return 'path' in req ? req.path : `${req.type} job`;
}

function failure(res: Extract<JobResponse, { ok: false }>): Error {
  if ('usage' in res) return new UsageError(res.message);
  if ('evaluation' in res) return new EvaluationError(res.message);
  if (res.unreadable && res.transient) return new ParseBudgetError(res.message, 'limit');
  if (res.unreadable) return new UnreadableError(res.message, res.reason);
  return new ReaderBugError(res.name, res.message);
}

export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const budget: Limits = { ...defaultLimits, ...(options.limits ?? {}) };
  const size = Math.max(1, Math.floor(options.size ?? defaultJobs()));
  const script = options.workerScript ?? resolveWorkerScript();
  const setup: WorkerSetup = { limits: options.limits, allowSimulation: options.allowSimulation === true };
  // Only a pool with the prewarmed worker's own set-up may take it over.
  const adoptable = !options.workerScript && !options.limits && !options.allowSimulation;
  const slots: Slot[] = Array.from({ length: size }, () => ({}));
  const queue: Pending[] = [];
  const stats: WorkerPoolStats = { started: 0, timeouts: 0, crashes: 0, completed: 0 };
  let nextId = 1;
  let closed = false;
  const log = options.log;

  function spawn(slot: Slot): Worker {
    stats.started++;
    let worker: Worker;
    if (adoptable && prewarmed) {
      worker = prewarmed;
      prewarmed = undefined;
      log?.('using the worker started with the process');
    } else {
      worker = startWorker(script, budget.workerHeapMb, setup);
    }
    worker.stdout.on('data', (d: Buffer) => log?.(`[worker] ${d.toString().trimEnd()}`));
    worker.stderr.on('data', (d: Buffer) => log?.(`[worker] ${d.toString().trimEnd()}`));
    worker.on('message', (res: JobResponse) => {
      const job = slot.job;
      if (!job || job.req.id !== res.id) return;
      release(slot);
      stats.completed++;
      if (!res.ok && 'unreadable' in res && res.unreadable && (res.transient || res.recycle)) {
        // The worker gave up past a budget and is exiting: never hand it another job.
        slot.worker = undefined;
        void worker.terminate();
      } else if (slot.recycle) {
        slot.recycle = false;
        slot.worker = undefined;
        void worker.terminate();
      }
      if (res.ok) job.resolve(res.value);
      else job.reject(failure(res));
      pump();
    });
    let death: string | undefined;
    worker.on('error', (err: Error & { code?: string }) => {
      death =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `${slot.job ? activity(slot.job.req) : 'reading'} needed more memory than the ${describeLimit('workerHeapMb', budget.workerHeapMb)} (workerHeapMb)`
          : `the reader crashed (${String(err.message).split('\n')[0]})`;
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return; // terminated on purpose (timeout, recycle, close)
      slot.worker = undefined;
      const job = slot.job;
      release(slot);
      if (job) {
        stats.crashes++;
        const why = death ?? `the reader crashed (its worker exited with code ${code})`;
        log?.(`worker died on ${subject(job.req)}: ${why}; starting a new one`);
        job.reject(new ParseBudgetError(why, death?.includes('memory') ? 'limit' : 'crash'));
      }
      pump();
    });
    worker.unref();
    return worker;
  }

  function release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.worker?.unref();
  }

  function dispatch(slot: Slot, job: Pending): void {
    slot.worker ??= spawn(slot);
    const worker = slot.worker;
    slot.job = job;
    worker.ref();
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      stats.timeouts++;
      slot.worker = undefined;
      release(slot);
      void worker.terminate();
      log?.(`worker stopped on ${subject(job.req)}: over the time limit; starting a new one`);
      job.reject(new ParseBudgetError(`${activity(job.req)} took longer than the ${describeLimit('timeoutMs', job.timeoutMs)} (timeoutMs) and was stopped`, 'limit'));
      pump();
    }, job.timeoutMs);
    try {
      worker.postMessage(job.req);
    } catch (err) {
      release(slot);
      job.reject(new ReaderBugError('DataCloneError', (err as Error).message));
    }
  }

  function pump(): void {
    if (closed) return;
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.job) dispatch(slot, queue.shift()!);
    }
  }

  function run<T extends JobType>(job: Job<T>, runOptions: RunOptions = {}): Promise<JobValue<T>> {
    if (closed) return Promise.reject(new UnreadableError('the worker pool is shut down', 'io'));
    return new Promise<JobValue<T>>((resolve, reject) => {
      const req = { ...job, id: nextId++, simulate: runOptions.simulate, simulatePhase: runOptions.simulatePhase } as JobRequest;
      queue.push({ req, timeoutMs: runOptions.timeoutMs ?? budget.timeoutMs, resolve: resolve as Pending['resolve'], reject });
      pump();
    });
  }

  for (const slot of slots.slice(0, Math.min(size, options.prewarm ?? 0))) slot.worker = spawn(slot);

  return {
    size,
    stats,
    run,
    parse: (path, bytes) => run({ type: 'parse', path, bytes }),
    // Only what the review depends on crosses: the trust flag, the settings overrides, where
    // the reviewer's configuration comes from and the known-exploited list named on its side.
    review: (path, bytes, o) => run({ type: 'review', path, bytes, options: { trusted: o.trusted, overrides: o.overrides, config: o.config, ...(o.knownExploited ? { knownExploited: o.knownExploited } : {}) } }),
    recycle() {
      for (const slot of slots) {
        if (!slot.worker) continue;
        if (slot.job) {
          slot.recycle = true;
          continue;
        }
        const w = slot.worker;
        slot.worker = undefined;
        void w.terminate();
      }
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new UnreadableError('the worker pool is shut down', 'io'));
      await Promise.all(
        slots.map(async (slot) => {
          const { worker, job } = slot;
          slot.worker = undefined;
          release(slot);
          job?.reject(new UnreadableError('the worker pool is shut down', 'io'));
          if (worker) await worker.terminate();
        }),
      );
    },
  };
}
