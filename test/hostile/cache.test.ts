// The content-hash parse cache: hits only for the same bytes under the same tool version, budgets
// and fingerprint; unreadable results cached only when they follow from the bytes (never a time-out,
// a crashed worker or a reader bug); damaged entries are misses; the folder keeps to its size cap.
// And through the CLI: a second run answers from the cache with the same report, and a config
// change is never served stale (rules are evaluated on every run).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreadableError } from '../../server/src/core/errors.js';
import { createParseCache, type CacheOptions, type ParseFn } from '../../server/src/engine/cache.js';
import { STORE_FILE, storeIndex } from '../../server/src/engine/cache-store.js';
import { ParseBudgetError, ReaderBugError, type ReviewFn } from '../../server/src/engine/worker-pool.js';
import { reviewParsed, reviewSetup } from '../../server/src/engine/document-review.js';
import { reviewPaths } from '../../server/src/engine/review.js';
import { packModel } from '../../server/src/engine/lazy-model.js';
import { parseDocument } from '../../server/src/documents/parse.js';
import { healthySeeds } from '../../scripts/hostile/generate.js';
import { runCliSync } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const work = path.join(repoRoot, 'test', '.tmp', `cache-${process.pid}`);
const seeds = healthySeeds();
const md = new Uint8Array(Buffer.from(seeds.md));

beforeAll(() => mkdirSync(work, { recursive: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function counting(inner: ParseFn = parseDocument): ParseFn & { calls: number } {
  const fn = (async (p: string, b: Uint8Array) => {
    fn.calls++;
    return inner(p, b);
  }) as ParseFn & { calls: number };
  fn.calls = 0;
  return fn;
}

/** The cache's entries (one store file per folder). */
const entries = (dir: string) => storeIndex(dir);

/** One run: a cache, one parse through it, then the end-of-run write. */
async function parseOnce(options: CacheOptions, parse: ParseFn, file: string, bytes: Uint8Array) {
  const cache = createParseCache(options);
  try {
    return await cache.wrap(parse)(file, bytes);
  } finally {
    await cache.prune();
  }
}

describe('parse cache', () => {
  it('answers the same bytes from disk, under the path asked for', async () => {
    const dir = path.join(work, 'c1');
    const parse = counting();
    const a = await parseOnce({ dir }, parse, '/docs/a.md', md);
    const b = await parseOnce({ dir }, parse, '/other/b.md', md);
    expect(parse.calls).toBe(1);
    expect(b.path).toBe('/other/b.md');
    expect(b.model).toEqual(a.model);
    expect(b.source).toEqual(a.source);
  });

  it('misses on changed bytes, another extension, another version, other budgets or another fingerprint', async () => {
    const dir = path.join(work, 'c2');
    const parse = counting();
    await parseOnce({ dir }, parse, '/a.md', md);
    const changed = new Uint8Array(Buffer.from(`${seeds.md}\nOne more line.\n`));
    await parseOnce({ dir }, parse, '/a.md', changed);
    await parseOnce({ dir }, parse, '/a.txt', md);
    await parseOnce({ dir, version: '999.0.0' }, parse, '/a.md', md);
    await parseOnce({ dir, limits: { maxLineLength: 5000 } }, parse, '/a.md', md);
    await parseOnce({ dir, fingerprint: 'packs:changed' }, parse, '/a.md', md);
    expect(parse.calls).toBe(6);
    await parseOnce({ dir }, parse, '/a.md', md);
    expect(parse.calls).toBe(6);
    // One store file holds every entry.
    expect(entries(dir).length).toBe(6);
    expect(readdirSync(dir)).toEqual([STORE_FILE]);
  });

  it('caches unreadable results that follow from the bytes, but never time-outs, crashes or reader bugs', async () => {
    const dir = path.join(work, 'c3');
    const empty = new Uint8Array(Buffer.from('just words, not a statement\n'));
    const parse = counting();
    const cache = createParseCache({ dir });
    for (let i = 0; i < 2; i++) await expect(cache.wrap(parse)('/x.md', empty)).rejects.toBeInstanceOf(UnreadableError);
    expect(parse.calls).toBe(1);

    for (const make of [() => new ParseBudgetError('reading took longer than the 30 s time limit', 'limit'), () => new ParseBudgetError('the reader crashed', 'crash'), () => new ReaderBugError('TypeError', 'x')]) {
      const failing = counting(async () => {
        throw make();
      });
      const bytes = new Uint8Array(Buffer.from(`unique ${Math.random()}`));
      await expect(cache.wrap(failing)('/t.pdf', bytes)).rejects.toThrow();
      await expect(cache.wrap(failing)('/t.pdf', bytes)).rejects.toThrow();
      expect(failing.calls).toBe(2);
    }
    expect(cache.stats.skipped).toBe(6);
  });

  it('treats a damaged or foreign entry as a miss', async () => {
    const dir = path.join(work, 'c4');
    const parse = counting();
    await parseOnce({ dir }, parse, '/a.md', md);
    const file = path.join(dir, STORE_FILE);
    // A flipped byte inside the entry: its hash no longer matches.
    const bytes = readFileSync(file);
    bytes[40]! ^= 0xff;
    writeFileSync(file, bytes);
    const doc = await parseOnce({ dir }, parse, '/a.md', md);
    expect(parse.calls).toBe(2);
    expect(doc.kind).toBe('conformance-statement');
    // A damaged index (our signature, broken footer) is replaced by the next run.
    const again = readFileSync(file);
    again[again.length - 5]! ^= 0xff;
    writeFileSync(file, again);
    await parseOnce({ dir }, parse, '/a.md', md);
    expect(parse.calls).toBe(3);
    await parseOnce({ dir }, parse, '/a.md', md);
    expect(parse.calls).toBe(3);
    // A file under the cache's name without its signature is not ours: never read, never replaced.
    writeFileSync(file, 'not a cache entry');
    const cache = createParseCache({ dir });
    await cache.wrap(parse)('/a.md', md);
    await cache.prune();
    expect(parse.calls).toBe(4);
    expect(readFileSync(file, 'utf8')).toBe('not a cache entry');
    expect([...cache.notices].join()).toMatch(/signature/);
  });

  it('keeps the folder under its size cap, oldest entries first, and writes owner-only files', async () => {
    const dir = path.join(work, 'c5');
    const probe = path.join(work, 'c5-probe');
    await parseOnce({ dir: probe }, parseDocument, '/a.md', md);
    const one = entries(probe)[0]!.length;
    const cap = one * 5;
    for (let run = 0; run < 3; run++) {
      const cache = createParseCache({ dir, maxBytes: cap });
      for (let i = 0; i < 4; i++) await cache.wrap(parseDocument)('/a.md', new Uint8Array(Buffer.from(`${seeds.md}\n${run}-${i}\n`)));
      await cache.prune();
    }
    const kept = entries(dir);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(12);
    expect(kept.reduce((n, e) => n + e.length, 0)).toBeLessThanOrEqual(cap);
    // The newest run's entries are the ones kept.
    const cache = createParseCache({ dir, maxBytes: cap });
    const parse = counting();
    await cache.wrap(parse)('/a.md', new Uint8Array(Buffer.from(`${seeds.md}\n2-3\n`)));
    expect(parse.calls).toBe(0);
    await cache.prune();
    if (process.platform !== 'win32') {
      expect(statSync(path.join(dir, STORE_FILE)).mode & 0o077).toBe(0);
      expect(statSync(dir).mode & 0o077).toBe(0);
    }
  });
});

/** An in-process review function that counts its calls (what the pool's review does in a worker). */
function countingReview(): ReviewFn & { calls: number } {
  const fn = (async (p: string, b: Uint8Array, opts: Parameters<ReviewFn>[2]) => {
    fn.calls++;
    const setup = reviewSetup(p, opts);
    const { model, ...review } = reviewParsed(await parseDocument(p, b), setup);
    return { review, model: model && packModel(model), extraFiles: [] };
  }) as unknown as ReviewFn & { calls: number };
  fn.calls = 0;
  return fn;
}

describe('review cache', () => {
  const packYaml = (severity: string) =>
    [
      'pack: local',
      'title: Local rules',
      'description: A pack of the hospital.',
      'rules:',
      '  - id: LOCAL-CS-001',
      '    title: Statements are reviewed locally',
      `    severity: ${severity}`,
      '    appliesTo: conformance-statement',
      '    frameworks:',
      '      nsa-mnp: [M1]',
      '    when: "true"',
      '    evidence:',
      '      - fact: product',
      '    message: A local rule always reports this.',
      '    rationale: Local policy.',
      '    remediation: Nothing to do.',
      '    question: Is this statement the current one?',
      '    rfpClause: The supplier shall answer.',
    ].join('\n');

  it('misses on a changed .dicomsec.yaml, a changed custom pack, other overrides and another day; hits otherwise', async () => {
    const dir = path.join(work, 'r1');
    const docs = path.join(dir, 'docs');
    mkdirSync(docs, { recursive: true });
    const file = path.join(docs, 'cs.md');
    writeFileSync(file, seeds.md);
    const cacheDir = path.join(dir, '.cache');
    const review = countingReview();
    const run = async (opts: CacheOptions = {}, ro = {}) => {
      const cache = createParseCache({ dir: cacheDir, ...opts });
      try {
        // The reviewer's configuration is looked up from `dir`, as `lint` run there does.
        return await cache.wrapReview(review)(file, md, { config: { root: dir }, ...ro });
      } finally {
        await cache.prune();
      }
    };

    const first = await run();
    await run();
    expect(review.calls).toBe(1);

    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'rules:\n  CS-DOC-001: off\n');
    await run();
    expect(review.calls).toBe(2);
    await run();
    expect(review.calls).toBe(2);

    writeFileSync(path.join(dir, 'local.yaml'), packYaml('warning'));
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'customPacks: [local.yaml]\n');
    const withPack = await run();
    expect(review.calls).toBe(3);
    expect(withPack.review.findings.some((f) => f.ruleId === 'LOCAL-CS-001')).toBe(true);
    writeFileSync(path.join(dir, 'local.yaml'), packYaml('error'));
    // (The in-process catalogue keeps packs for the life of the process, as a worker does for a
    // run; what matters here is that the cache asks again.)
    await run();
    expect(review.calls).toBe(4);
    // An untrusted review sees no custom pack: another key.
    await run({}, { trusted: false });
    expect(review.calls).toBe(5);
    await run({}, { overrides: { rules: { 'LOCAL-CS-001': 'info' } } });
    expect(review.calls).toBe(6);

    await run({ today: () => '2999-12-31' });
    expect(review.calls).toBe(7);
    await run({ today: () => '2999-12-31' });
    await run();
    expect(review.calls).toBe(7);
    expect(first.review.status).toBe('reviewed');
  });

  it('a warm run gives the same report as a cold one, model included', async () => {
    const dir = path.join(work, 'r2');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'form.xlsx'), seeds.xlsx);
    writeFileSync(path.join(dir, 'cs.md'), seeds.md);
    writeFileSync(path.join(dir, 'broken.pdf'), '%PDF-1.7\n');
    const review = countingReview();
    const run = async () => {
      const cache = createParseCache({ dir: path.join(work, 'r2-cache') });
      const report = await reviewPaths([dir], { review: cache.wrapReview(review) });
      await cache.prune();
      return report;
    };
    const cold = await run();
    expect(review.calls).toBe(3);
    const warm = await run();
    expect(review.calls).toBe(3);
    expect(warm).toEqual(cold);
    expect(warm.documents.find((d) => d.kind === 'mds2')?.model).toEqual(cold.documents.find((d) => d.kind === 'mds2')?.model);
    expect(warm.summary.unreadable).toBe(1);
  });

  it('never caches a usage error, a rule error or a document read from several files', async () => {
    const dir = path.join(work, 'r3');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'cs.md');
    const cache = createParseCache({ dir: path.join(work, 'r3-cache') });
    const results = [
      async () => {
        throw new (await import('../../server/src/core/errors.js')).UsageError('broken config');
      },
      async () => {
        throw new Error('rule X: bad');
      },
      async () => ({ review: { path: file, kind: 'conformance-statement' as const, status: 'reviewed' as const, findings: [], waived: [] }, extraFiles: [path.join(dir, 'part.rst')] }),
    ];
    for (const make of results) {
      let calls = 0;
      const fn: ReviewFn = async () => {
        calls++;
        return make();
      };
      for (let i = 0; i < 2; i++) await cache.wrapReview(fn)(file, md, {}).catch(() => undefined);
      expect(calls).toBe(2);
    }
    expect(cache.stats.skipped).toBe(6);
    expect(cache.stats.writes).toBe(0);
  });
});

describe('lint --cache', () => {
  const run = (cwd: string, ...args: string[]) => runCliSync(['lint', '--format', 'json', ...args], { cwd });

  it('a second run over unchanged files gives the same report from the cache; a config change is not served stale', () => {
    const dir = path.join(work, 'cli');
    mkdirSync(path.join(dir, 'docs'), { recursive: true });
    writeFileSync(path.join(dir, 'docs', 'form.xlsx'), seeds.xlsx);
    writeFileSync(path.join(dir, 'docs', 'cs.md'), seeds.md);
    writeFileSync(path.join(dir, 'docs', 'cs.pdf'), seeds.pdf);
    writeFileSync(path.join(dir, 'docs', 'broken.pdf'), '%PDF-1.7\n');
    const first = run(dir, '--cache', '--cache-location', '.cache', 'docs');
    expect(first.stderr).toBe('');
    expect(entries(path.join(dir, '.cache')).length).toBe(4);
    const second = run(dir, '--cache', '--cache-location', '.cache', 'docs');
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);

    const ruleIds = (out: string) => new Set((JSON.parse(out) as { documents: { findings: { ruleId: string }[] }[] }).documents.flatMap((d) => d.findings.map((f) => f.ruleId)));
    const some = [...ruleIds(first.stdout)][0]!;
    writeFileSync(path.join(dir, '.dicomsec.yaml'), `rules:\n  ${some}: off\n`);
    const third = run(dir, '--cache', '--cache-location', '.cache', 'docs');
    expect(ruleIds(third.stdout).has(some)).toBe(false);

    // --no-cache wins and writes nothing.
    rmSync(path.join(dir, '.cache'), { recursive: true, force: true });
    run(dir, '--no-cache', '--cache-location', '.cache', 'docs');
    expect(entries(path.join(dir, '.cache'))).toEqual([]);
  });

  it('rejects a bad --jobs value as a usage error', () => {
    const r = run(work, '--jobs', '0', '.');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });
});
