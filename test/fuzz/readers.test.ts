// Seeded mutation fuzzing of every reader through the real worker pool. In `npm test`: a short,
// deterministic run (fixed seed, fixed iteration count per reader). `npm run fuzz` sets
// DICOMSEC_FUZZ_LONG=1 for a long run (more iterations, a time cap per reader, seed from
// DICOMSEC_FUZZ_SEED or the clock). Invariant: every input ends as a model or an UnreadableError.
// Failing inputs land in test/.tmp/fuzz-crashes/; minimised ones belong in test/fixtures/regressions/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreadableError } from '../../server/src/core/errors.js';
import { createWorkerPool, type WorkerPool } from '../../server/src/engine/worker-pool.js';
import { fuzzTarget, fuzzTargets } from '../../scripts/fuzz.js';
import { repoRoot } from '../helpers/paths.js';

const long = process.env.DICOMSEC_FUZZ_LONG === '1';
const seed = Number(process.env.DICOMSEC_FUZZ_SEED ?? (long ? Date.now() % 2 ** 31 : 20261125));
const iterations = Number(process.env.DICOMSEC_FUZZ_ITERATIONS ?? (long ? 1_000_000 : 60));
const maxMs = long ? Number(process.env.DICOMSEC_FUZZ_SECONDS ?? 60) * 1000 : undefined;
const crashDir = path.join(repoRoot, 'test', '.tmp', 'fuzz-crashes');
const regressions = path.join(repoRoot, 'test', 'fixtures', 'regressions');

let pool: WorkerPool;
beforeAll(() => {
  // Small inputs: a few seconds is already a hang; 256 MB heap is already a leak.
  pool = createWorkerPool({ size: 2, limits: { timeoutMs: 10_000, workerHeapMb: 256, workerBuffersMb: 256 } });
});
afterAll(async () => {
  await pool?.close();
});

describe(`fuzzing the readers (seed ${seed}${long ? ', long run' : ''})`, () => {
  for (const target of fuzzTargets()) {
    it(
      `${target.name}: every mutated input ends as a model or an UnreadableError`,
      async () => {
        const r = await fuzzTarget(pool, target, { seed, iterations, maxMs, crashDir });
        if (long || process.env.DICOMSEC_FUZZ_VERBOSE) {
          console.log(`${target.name}: ${r.iterations} inputs, ${r.models} models (${[...r.kinds].map(([k, n]) => `${n} ${k}`).join(', ')}), ${r.unreadable} unreadable, ${r.failures.length} failures`);
          console.log([...r.reasons].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `  ${n} × ${k}`).join('\n'));
        }
        expect(r.iterations).toBeGreaterThan(0);
        // The mutations reached the parser of every kind the seeds stand for.
        for (const kind of target.reaches ?? []) expect(r.kinds.get(kind) ?? 0, `${target.name} inputs read as ${kind}`).toBeGreaterThan(0);
        expect(r.failures.map((f) => `${f.kind}: ${f.message} (${f.file ?? `iteration ${f.iteration}`})`)).toEqual([]);
      },
      long ? (maxMs ?? 60_000) + 120_000 : 120_000,
    );
  }
});

describe('regression fixtures (inputs the fuzzer once broke)', () => {
  const files = existsSync(regressions) ? readdirSync(regressions).filter((f) => !f.startsWith('.') && !f.endsWith('.md')) : [];
  it.skipIf(files.length === 0)('each ends as a model or an UnreadableError', async () => {
    for (const f of files) {
      const file = path.join(regressions, f);
      const outcome = await pool.parse(file, new Uint8Array(readFileSync(file))).then(
        () => 'model',
        (err: unknown) => (err instanceof UnreadableError && (err as { transient?: boolean }).transient !== true ? 'unreadable' : `failure: ${(err as Error).message}`),
      );
      expect(outcome, f).toMatch(/^(model|unreadable)$/);
    }
  });
});
