// A pool of parse workers (worker_threads) for the CLI and the language server. Each document is
// read and recognised in a worker with a heap limit (limits.workerHeapMb) and a wall-time budget
// (limits.timeoutMs). Past the budget the worker is terminated; a worker that dies (out of memory,
// crash) is replaced. Either way that one document is unreadable with a one-line reason naming
// the limit, and the rest of the batch goes on. Plugs into ReviewOptions.parse, or, for the whole
// per-document review in the worker (rules and waivers too, only the result sent back), into
// ReviewOptions.review. Workers start on demand (unless prewarmed).
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UnreadableError, UsageError } from '../core/errors.js';
import { describeLimit, limits as defaultLimits, type Limits } from '../core/limits.js';
import type { ParsedDocument } from '../documents/document.js';
import type { DocumentReviewOptions } from './document-review.js';
import type { ParseRequest, ParseResponse, ParseWorkerData, ReviewResult } from './parse-worker.js';

export type { ReviewResult } from './parse-worker.js';
/** Reviews one document's bytes (parse, rules, waivers) and returns the result without its source. */
export type ReviewFn = (path: string, bytes: Uint8Array, options: DocumentReviewOptions) => Promise<ReviewResult>;

/**
 * A document that went past a budget enforced by the pool (time, memory) or killed its worker.
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

export interface ParsePoolOptions {
  /** Number of workers (default: min(2, CPUs)). */
  size?: number;
  /** Budgets for this pool, over the defaults of core/limits.ts (also applied inside the workers). */
  limits?: Partial<Limits>;
  /** Workers to start at once, so their start-up overlaps the caller's own (default 0: on demand). */
  prewarm?: number;
  /** The worker script; default: parse-worker.mjs next to the bundle (dist/). */
  workerScript?: string | URL;
  /** Worker output and restarts (never the CLI's stdout, which carries reports). */
  log?: (message: string) => void;
  /** Tests only: let requests simulate hangs, out-of-memory and crashes. */
  allowSimulation?: boolean;
}

export interface ParsePoolStats {
  started: number;
  timeouts: number;
  crashes: number;
  parsed: number;
}

export interface ParsePool {
  parse(path: string, bytes: Uint8Array): Promise<ParsedDocument>;
  /** The whole review in a worker: a UsageError for a broken config or rule pack, else as parse. */
  review: ReviewFn;
  /** Tests only (needs allowSimulation). */
  simulate(kind: NonNullable<ParseRequest['simulate']>, path?: string): Promise<ParsedDocument>;
  /** Tests only (needs allowSimulation): a review of real bytes with a simulated failure in one phase. */
  simulateReview(kind: NonNullable<ParseRequest['simulate']>, phase: 'parse' | 'evaluate', path: string, bytes: Uint8Array, options?: DocumentReviewOptions): Promise<ReviewResult>;
  close(): Promise<void>;
  readonly size: number;
  readonly stats: Readonly<ParsePoolStats>;
}

export function defaultJobs(): number {
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(2, n));
}

/** Where the bundled worker lives: next to the bundle, one level up from a chunk, or dist/ from sources. */
export function resolveWorkerScript(): string {
  const candidates = ['./parse-worker.mjs', '../parse-worker.mjs', '../../../dist/parse-worker.mjs'];
  for (const rel of candidates) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('parse-worker.mjs not found: run "node scripts/build.mjs" first');
}

interface Job {
  req: ParseRequest;
  resolve: (result: ParsedDocument | ReviewResult) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker?: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const budget: Limits = { ...defaultLimits, ...(options.limits ?? {}) };
  const size = Math.max(1, Math.floor(options.size ?? defaultJobs()));
  const script = options.workerScript ?? resolveWorkerScript();
  const workerData: ParseWorkerData = { limits: options.limits, allowSimulation: options.allowSimulation === true };
  const slots: Slot[] = Array.from({ length: size }, () => ({}));
  const queue: Job[] = [];
  const stats: ParsePoolStats = { started: 0, timeouts: 0, crashes: 0, parsed: 0 };
  let nextId = 1;
  let closed = false;
  const log = options.log;

  function spawn(slot: Slot): Worker {
    stats.started++;
    const worker = new Worker(script, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: budget.workerHeapMb, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    // pdf.js and SheetJS may print warnings; the CLI's stdout carries the report, so never let
    // worker output through.
    worker.stdout.on('data', (d: Buffer) => log?.(`[parse worker] ${d.toString().trimEnd()}`));
    worker.stderr.on('data', (d: Buffer) => log?.(`[parse worker] ${d.toString().trimEnd()}`));
    worker.on('message', (res: ParseResponse) => {
      const job = slot.job;
      if (!job || job.req.id !== res.id) return;
      release(slot);
      stats.parsed++;
      if (!res.ok && 'unreadable' in res && res.unreadable && (res.transient || res.recycle)) {
        // The worker gave up past a budget and is exiting: never hand it another document.
        slot.worker = undefined;
        void worker.terminate();
      }
      if (res.ok) job.resolve('doc' in res ? res.doc : res.result);
      else if ('usage' in res) job.reject(new UsageError(res.message));
      else if ('evaluation' in res) job.reject(new Error(res.message));
      else if (res.unreadable && res.transient) job.reject(new ParseBudgetError(res.message, 'limit'));
      else if (res.unreadable) job.reject(new UnreadableError(res.message, res.reason));
      else job.reject(new ReaderBugError(res.name, res.message));
      pump();
    });
    let death: string | undefined;
    worker.on('error', (err: Error & { code?: string }) => {
      death =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `reading needed more memory than the ${describeLimit('workerHeapMb', budget.workerHeapMb)} (workerHeapMb)`
          : `the reader crashed (${String(err.message).split('\n')[0]})`;
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return; // terminated on purpose (timeout, close)
      slot.worker = undefined;
      const job = slot.job;
      release(slot);
      if (job) {
        stats.crashes++;
        const why = death ?? `the reader crashed (its worker exited with code ${code})`;
        log?.(`parse worker died on ${job.req.path}: ${why}; starting a new one`);
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

  function dispatch(slot: Slot, job: Job): void {
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
      log?.(`parse worker stopped on ${job.req.path}: over the time limit; starting a new one`);
      job.reject(new ParseBudgetError(`reading took longer than the ${describeLimit('timeoutMs', budget.timeoutMs)} (timeoutMs) and was stopped`, 'limit'));
      pump();
    }, budget.timeoutMs);
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

  function submit<T extends ParsedDocument | ReviewResult>(req: Omit<ParseRequest, 'id'>): Promise<T> {
    if (closed) return Promise.reject(new UnreadableError('the parse pool is shut down', 'io'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ req: { ...req, id: nextId++ }, resolve: resolve as Job['resolve'], reject });
      pump();
    });
  }

  for (const slot of slots.slice(0, Math.min(size, options.prewarm ?? 0))) slot.worker = spawn(slot);

  return {
    size,
    stats,
    parse: (path, bytes) => submit<ParsedDocument>({ path, bytes }),
    // Only what the review depends on crosses: the trust flag and the settings overrides.
    review: (path, bytes, options) => submit<ReviewResult>({ path, bytes, review: { trusted: options.trusted, overrides: options.overrides } }),
    simulate: (kind, path = `/simulated/${kind}.txt`) => submit<ParsedDocument>({ path, bytes: new TextEncoder().encode('simulated'), simulate: kind }),
    simulateReview: (kind, phase, path, bytes, options = {}) =>
      submit<ReviewResult>({ path, bytes, review: { trusted: options.trusted, overrides: options.overrides }, simulate: kind, simulatePhase: phase }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new UnreadableError('the parse pool is shut down', 'io'));
      await Promise.all(
        slots.map(async (slot) => {
          const { worker, job } = slot;
          slot.worker = undefined;
          release(slot);
          job?.reject(new UnreadableError('the parse pool is shut down', 'io'));
          if (worker) await worker.terminate();
        }),
      );
    },
  };
}
