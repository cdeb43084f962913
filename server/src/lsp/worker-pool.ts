// A small pool of review workers with a time budget per job. A job past its budget, or a worker
// that dies, costs that job (reported as unreadable by the caller) and the worker is replaced;
// the language server's main thread never parses a vendor file.
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerRequest, WorkerResponse } from './review-worker.js';

type Job = {
  req: WorkerRequest;
  timeoutMs: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};

export class WorkerTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`the review stopped after ${Math.round(ms / 1000)} s (time limit)`);
    this.name = 'WorkerTimeoutError';
  }
}

export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

export class WorkerJobError extends Error {
  constructor(message: string, readonly usage: boolean) {
    super(message);
    this.name = usage ? 'UsageError' : 'WorkerJobError';
  }
}

interface Slot {
  worker?: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Replace the worker once its current job is done. */
  recycle?: boolean;
}

export interface PoolOptions {
  /** The script a worker runs (an ES module that calls runWorker() when loaded as a worker). */
  script: string | URL;
  size: number;
  workerData: unknown;
  log?: (message: string) => void;
  /** Heap limit per worker, MB. */
  maxOldGenerationSizeMb?: number;
}

export class WorkerPool {
  private slots: Slot[];
  private queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  /** Workers replaced after a crash or timeout, for tests and logs. */
  restarts = 0;

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({}));
  }

  run<T>(req: WorkerJob, timeoutMs: number): Promise<T> {
    if (this.disposed) return Promise.reject(new WorkerCrashError('the review pool is shut down'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ req: { ...req, id: this.nextId++ } as WorkerRequest, timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Drops every worker (e.g. after a rule pack changed: workers cache loaded packs). */
  recycle(): void {
    for (const slot of this.slots) {
      if (!slot.job && slot.worker) {
        const w = slot.worker;
        slot.worker = undefined;
        void w.terminate();
      } else if (slot.worker) {
        // Finish the running job, then replace the worker.
        slot.recycle = true;
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new WorkerCrashError('the review pool is shut down'));
    for (const slot of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.job?.reject(new WorkerCrashError('the review pool is shut down'));
      slot.job = undefined;
      void slot.worker?.terminate();
      slot.worker = undefined;
    }
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.options.script, {
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb ?? 1024 },
      stdout: true,
      stderr: true,
    });
    // A worker must never write to the server's stdout: that is the LSP channel.
    worker.stdout.on('data', (d: Buffer) => this.options.log?.(`[worker] ${d.toString().trimEnd()}`));
    worker.stderr.on('data', (d: Buffer) => this.options.log?.(`[worker] ${d.toString().trimEnd()}`));
    worker.on('message', (msg: WorkerResponse) => {
      const job = slot.job;
      if (!job || job.req.id !== msg.id) return;
      this.finish(slot);
      if (msg.ok) job.resolve(msg.value);
      else job.reject(new WorkerJobError(msg.error, !!msg.usage));
      if (slot.recycle) {
        slot.recycle = false;
        this.kill(slot);
      }
      this.pump();
    });
    const onDeath = (why: string) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      const job = slot.job;
      this.finish(slot);
      if (job) {
        this.restarts++;
        this.options.log?.(`review worker died (${why}) while on ${describe(job.req)}; starting a new one`);
        job.reject(new WorkerCrashError(`the review worker stopped (${why})`));
      }
      this.pump();
    };
    worker.on('error', (err) => onDeath(err.message));
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
    worker.unref();
    return worker;
  }

  private kill(slot: Slot): void {
    const w = slot.worker;
    slot.worker = undefined;
    if (w) void w.terminate();
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
  }

  private pump(): void {
    if (this.disposed) return;
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.worker ??= this.spawn(slot);
      slot.job = job;
      slot.timer = setTimeout(() => {
        if (slot.job !== job) return;
        this.restarts++;
        this.options.log?.(`${describe(job.req)} ran past ${job.timeoutMs} ms; stopping its worker`);
        this.finish(slot);
        this.kill(slot);
        job.reject(new WorkerTimeoutError(job.timeoutMs));
        this.pump();
      }, job.timeoutMs);
      try {
        slot.worker.postMessage(job.req);
      } catch (err) {
        this.finish(slot);
        this.kill(slot);
        job.reject(new WorkerCrashError(`cannot hand the job to a worker: ${(err as Error).message}`));
      }
    }
  }
}

function describe(req: WorkerRequest): string {
  return req.type === 'review' ? `review of ${req.path}` : `${req.type} job`;
}
