// Worker entry (dist/parse-worker.mjs): reads and recognises one document at a time for the
// parse pool (worker-pool.ts), and for `review` requests also evaluates its rules and waivers, so
// only the result (findings and model, never the source) crosses back. A vendor file that hangs or
// exhausts memory here costs this worker, never the CLI's or the language server's main thread;
// the pool replaces the worker. The budgets (time, heap, buffers) cover the whole job.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { UnreadableError, UsageError } from '../core/errors.js';
import { describeLimit, limits, type Limits } from '../core/limits.js';
import type { DocumentReview } from './report.js';
import { parseDocument } from '../documents/parse.js';
import type { ParsedDocument } from '../documents/document.js';
import type { DocumentReviewOptions } from './document-review.js';
import type { PackedModel } from './lazy-model.js';

export interface ParseWorkerData {
  limits?: Partial<Limits>;
  /** Tests only: honour `simulate` in requests (hang, out of memory, crash). */
  allowSimulation?: boolean;
}

export interface ParseRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
  /** Set: review the document (config, catalogue, rules, waivers), not only parse it. */
  review?: DocumentReviewOptions;
  simulate?: 'hang' | 'oom' | 'buffers' | 'exit' | 'throw';
  /** Tests only: when the simulation happens in a review (default: before parsing). */
  simulatePhase?: 'parse' | 'evaluate';
}

/** A review's result: the document's review without its source or model, the model packed, and the other files its parse read. */
export interface ReviewResult {
  review: Omit<DocumentReview, 'model'>;
  /** The model as bytes (see lazy-model.ts): deserialized on the main thread only if needed. */
  model?: PackedModel;
  /** Files other than the document read to assemble it (a reStructuredText tree). */
  extraFiles: string[];
}

export type ParseResponse =
  | { id: number; ok: true; doc: ParsedDocument }
  | { id: number; ok: true; result: ReviewResult }
  /** A broken .dicomsec.yaml or rule pack: the run's problem, not the document's. */
  | { id: number; ok: false; usage: true; message: string }
  /** An exception while evaluating rules (not reading): reported as the in-process review does. */
  | { id: number; ok: false; evaluation: true; message: string }
  | { id: number; ok: false; unreadable: true; message: string; reason: string; transient?: boolean; recycle?: boolean }
  | { id: number; ok: false; unreadable: false; message: string; name: string };

async function simulate(kind: NonNullable<ParseRequest['simulate']>): Promise<void> {
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

let reviewModule: Promise<[typeof import('./document-review.js'), typeof import('./lazy-model.js')]> | undefined;

async function handleReview(req: ParseRequest, options: DocumentReviewOptions, allowSimulation: boolean): Promise<ParseResponse> {
  // Loaded on the first review only: parse-only pools never pay for the rule engine.
  const [{ reviewSetup, reviewParsed, extraSourceFiles }, { packModel }] = await (reviewModule ??= Promise.all([import('./document-review.js'), import('./lazy-model.js')]));
  // The configuration first, as the in-process review does: a broken one is a usage error
  // whatever the document holds.
  let setup;
  try {
    setup = reviewSetup(req.path, options);
  } catch (err) {
    if (err instanceof UsageError) return { id: req.id, ok: false, usage: true, message: err.message };
    throw err;
  }
  const phase = req.simulatePhase ?? 'parse';
  if (req.simulate && allowSimulation && phase === 'parse') await simulate(req.simulate);
  const doc = await parseDocument(req.path, req.bytes);
  if (req.simulate && allowSimulation && phase === 'evaluate') await simulate(req.simulate);
  try {
    const { model, ...review } = reviewParsed(doc, setup);
    return { id: req.id, ok: true, result: { review, model: model && packModel(model), extraFiles: extraSourceFiles(doc) } };
  } catch (err) {
    if (err instanceof UsageError) return { id: req.id, ok: false, usage: true, message: err.message };
    if (err instanceof UnreadableError) throw err;
    return { id: req.id, ok: false, evaluation: true, message: String((err as Error)?.message ?? err) };
  }
}

async function handle(req: ParseRequest, allowSimulation: boolean): Promise<ParseResponse> {
  try {
    if (req.review) return await handleReview(req, req.review, allowSimulation);
    if (req.simulate && allowSimulation) await simulate(req.simulate);
    const doc = await parseDocument(req.path, req.bytes);
    return { id: req.id, ok: true, doc };
  } catch (err) {
    if (err instanceof UnreadableError) return { id: req.id, ok: false, unreadable: true, message: err.message, reason: err.reason };
    const e = err as Error | undefined;
    return { id: req.id, ok: false, unreadable: false, name: e?.name ?? 'Error', message: String(e?.message ?? err) };
  }
}

export function runParseWorker(): void {
  const port = parentPort;
  if (!port) return;
  const data = (workerData ?? {}) as ParseWorkerData;
  if (data.limits) Object.assign(limits, data.limits);
  const allowSimulation = data.allowSimulation === true;
  let current: ParseRequest | undefined;
  let answered = false;
  const answer = (res: ParseResponse) => {
    if (answered || !current || res.id !== current.id) return;
    answered = true;
    try {
      // The packed model's bytes move to the main thread instead of being copied.
      const bytes = 'result' in res ? res.result.model?.bytes : undefined;
      const own = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      port.postMessage(res, own ? [bytes.buffer as ArrayBuffer] : []);
    } catch (err) {
      // A model that cannot cross the thread boundary is a bug of ours, reported as such.
      port.postMessage({ id: res.id, ok: false, unreadable: false, name: 'DataCloneError', message: (err as Error).message } satisfies ParseResponse);
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
  port.on('message', (req: ParseRequest) => {
    current = req;
    answered = false;
    // Off-heap memory (inflated streams, buffers) is invisible to the heap limit: watch it between
    // the reader's steps and give up on the document past its budget. The worker then exits (its
    // state is not trusted any more) and the pool starts a new one.
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
        message: `reading needed more than the ${describeLimit('workerBuffersMb', limits.workerBuffersMb)} (workerBuffersMb) and was stopped`,
      });
      process.exit(0);
    }, 50);
    void handle(req, allowSimulation).then((res) => {
      clearInterval(watchdog);
      answer(res);
    });
  });
}

if (!isMainThread) runParseWorker();
