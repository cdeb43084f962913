// Worker entry (dist/parse-worker.mjs): reads and recognises one document at a time for the
// parse pool (worker-pool.ts). A vendor file that hangs or exhausts memory here costs this worker,
// never the CLI's or the language server's main thread; the pool replaces the worker.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { UnreadableError } from '../core/errors.js';
import { limits, type Limits } from '../core/limits.js';
import { parseDocument } from '../documents/parse.js';
import type { ParsedDocument } from '../documents/document.js';

export interface ParseWorkerData {
  limits?: Partial<Limits>;
  /** Tests only: honour `simulate` in requests (hang, out of memory, crash). */
  allowSimulation?: boolean;
}

export interface ParseRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
  simulate?: 'hang' | 'oom' | 'exit' | 'throw';
}

export type ParseResponse =
  | { id: number; ok: true; doc: ParsedDocument }
  | { id: number; ok: false; unreadable: true; message: string; reason: string }
  | { id: number; ok: false; unreadable: false; message: string; name: string };

function simulate(kind: NonNullable<ParseRequest['simulate']>): void {
  switch (kind) {
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

async function handle(req: ParseRequest, allowSimulation: boolean): Promise<ParseResponse> {
  try {
    if (req.simulate && allowSimulation) simulate(req.simulate);
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
  port.on('message', (req: ParseRequest) => {
    void handle(req, allowSimulation).then((res) => {
      try {
        port.postMessage(res);
      } catch (err) {
        // A model that cannot cross the thread boundary is a bug of ours, reported as such.
        port.postMessage({ id: req.id, ok: false, unreadable: false, name: 'DataCloneError', message: (err as Error).message } satisfies ParseResponse);
      }
    });
  });
}

if (!isMainThread) runParseWorker();
