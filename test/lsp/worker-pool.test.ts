// The review pool's promises: a job past its budget or a worker that dies costs only that job.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerCrashError, WorkerPool, WorkerTimeoutError } from '../../server/src/lsp/worker-pool.js';

const dir = path.resolve(__dirname, '..', '.tmp', `pool-${process.pid}`);
const script = path.join(dir, 'worker.mjs');

describe('worker pool', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (req) => {
  if (req.path === 'hang') for (;;) {}
  if (req.path === 'die') process.exit(3);
  if (req.path === 'throw') return parentPort.postMessage({ id: req.id, ok: false, error: 'bad input' });
  parentPort.postMessage({ id: req.id, ok: true, value: 'reviewed ' + req.path });
});
`,
    );
    pool = new WorkerPool({ script, size: 1, workerData: {} });
  });
  afterAll(() => {
    pool.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const job = (p: string) => ({ type: 'review' as const, path: p, options: {} });

  it('answers, then stops a job past its time budget and keeps serving', async () => {
    expect(await pool.run(job('a.xlsx'), 5000)).toBe('reviewed a.xlsx');
    const started = Date.now();
    await expect(pool.run(job('hang'), 300)).rejects.toBeInstanceOf(WorkerTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await pool.run(job('b.pdf'), 5000)).toBe('reviewed b.pdf');
  });

  it('survives a worker that dies, and queued jobs still run', async () => {
    const dying = pool.run(job('die'), 5000);
    const next = pool.run(job('c.docx'), 5000);
    await expect(dying).rejects.toBeInstanceOf(WorkerCrashError);
    expect(await next).toBe('reviewed c.docx');
    await expect(pool.run(job('throw'), 5000)).rejects.toThrow('bad input');
    expect(pool.restarts).toBeGreaterThanOrEqual(2);
  });
});
