// What the CLI's commands share: the configuration source, colour, progress, the exit code and one
// review run (worker pool, cache, cross-document checks) that lint, report, compare, diff and
// exposure all start from.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isGlob } from '../core/glob.js';
import { failsAt, type FailOn, type FailOnFor, type Finding } from '../core/findings.js';
import { UsageError } from '../core/errors.js';
import { isConfigNotice, type ReviewReport } from '../engine/report.js';
import type { ConfigSource } from '../config/resolve.js';
import { crossInPool } from '../engine/cross.js';
import { relativePath } from '../presenters/location.js';
import { reviewPaths } from '../engine/review.js';
import { createWorkerPool, defaultJobs, type WorkerPool } from '../engine/worker-pool.js';
import { terminalText } from '../presenters/safe-text.js';
import { loadKnownExploited } from '../documents/advisory/known-exploited.js';

/** The --known-exploited option's help, the same for every command that reviews. */
export const KNOWN_EXPLOITED_HELP = "a known-exploited vulnerability list you keep (CISA KEV JSON or CSV, or CVE ids one a line; never downloaded): advisory vulnerabilities it names are findings (CSAF-VULN-002); wins over knownExploited in .dicomsec.yaml";

export type { FailOn } from '../core/findings.js';

export function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

/**
 * 2 when a document is unreadable, 1 when a finding is at or above the threshold of the
 * configuration governing its document (`failOn` for all when it is a severity: --fail-on), else 0.
 * A cross-document finding counts against the threshold of its first evidence's document.
 */
export function exitCodeFor(report: ReviewReport, failOn: FailOnFor): number {
  if (report.summary.unreadable > 0) return 2;
  const thresholdOf = typeof failOn === 'function' ? failOn : (): FailOn => failOn;
  const fails = (findings: Finding[], docPath: string | undefined) => findings.some((f) => failsAt(f.severity, thresholdOf(docPath ?? f.evidence[0]?.path)));
  return report.documents.some((d) => fails(d.findings, d.path)) || fails(report.crossFindings, undefined) ? 1 : 0;
}

/** The configuration source of a command: --config FILE, --no-config, else looked up from the working directory. */
export function configSource(option: string | boolean | undefined): ConfigSource {
  const root = process.cwd();
  if (option === false) return { root, none: true };
  if (typeof option === 'string') return { root, file: path.resolve(root, option) };
  return { root };
}

/** Configuration files in the reviewed tree that were not applied: one line each on standard error. */
export function printNotices(report: ReviewReport): void {
  for (const n of (report.notices ?? []).filter(isConfigNotice)) {
    const docs = n.documents.length;
    const counted = `${docs} document${docs === 1 ? '' : 's'}`;
    const what = !docs ? '' : n.kind === 'questionnaire-not-applied' ? ` (decisions about ${counted})` : ` (${counted} below it)`;
    process.stderr.write(`dicomsec: notice: ${terminalText(relativePath(n.file))}: ${n.message}${what}\n`);
  }
}

export function progressReporter(quiet: boolean) {
  const tty = process.stderr.isTTY && !quiet;
  let last = 0;
  return {
    onProgress: ({ done, total, path: file }: { done: number; total: number; path: string }) => {
      if (!tty || total < 3) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const name = terminalText(path.relative(process.cwd(), file));
      process.stderr.write(`\r\x1b[2Kreviewing ${done}/${total} ${name.length > 60 ? `…${name.slice(-59)}` : name}`);
    },
    done: () => {
      if (tty && last) process.stderr.write('\r\x1b[2K');
    },
  };
}

/** The folders a run searches: named folders and the fixed part of globs (the cache may not live there). */
export function lintedFolders(inputs: string[]): string[] {
  return inputs.flatMap((input) => {
    const abs = path.resolve(input);
    if (existsSync(abs)) return statSync(abs).isDirectory() ? [abs] : [];
    if (!isGlob(input)) return [];
    const normalized = input.split(path.sep).join('/');
    const magic = normalized.search(/[*?{[]/);
    return [path.resolve(normalized.slice(0, normalized.lastIndexOf('/', magic) + 1) || '.')];
  });
}

export function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, not "${value}"`);
  return n;
}

/** The worker pool of a command's review: `jobs` workers, `prewarm` of them started at once. */
export function createReviewPool(jobs: number | undefined, prewarm = 1): WorkerPool {
  return createWorkerPool({
    size: jobs ?? defaultJobs(),
    prewarm,
    log: process.env.DICOMSEC_DEBUG ? (m) => process.stderr.write(`${m}\n`) : undefined,
  });
}

export interface RunOptions {
  config?: string | false;
  quiet?: boolean;
  jobs?: number;
  cache?: boolean;
  cacheLocation?: string;
  ignorePattern?: string[];
  /** A pool the caller keeps for more jobs after the review (exposure); not closed here. */
  pool?: WorkerPool;
  /** --questionnaire: vendor questionnaires whose reviewer decisions count. */
  questionnaire?: string[];
  /** --known-exploited: a known-exploited list (CISA KEV JSON or CSV, or CVE ids), over the configuration's. */
  knownExploited?: string;
  /** The document an input `-` stands for: its name and its bytes (see engine/review.ts). */
  stdin?: { name: string; read: () => Promise<Uint8Array> };
}

/**
 * One review of files, folders or globs, as lint does it: each vendor file is reviewed whole (read,
 * rules, waivers) in a worker with heap and time budgets, never on this thread; only the result
 * comes back; the cross-document checks run there too. With the cache, workers start only for
 * documents it cannot answer (none on an unchanged run without pairs).
 */
export async function runReview(inputs: string[], opts: RunOptions): Promise<{ report: ReviewReport; source: ConfigSource }> {
  // A list that cannot be read is a usage error before any worker starts or document is reviewed.
  const knownExploited = opts.knownExploited ? loadKnownExploited({ file: path.resolve(opts.knownExploited) }).file : undefined;
  const progress = progressReporter(!!opts.quiet);
  const useCache = !!(opts.cache || (opts.cacheLocation && opts.cache !== false));
  const pool = opts.pool ?? createReviewPool(opts.jobs, useCache ? 0 : 1);
  const cache = useCache ? (await import('../engine/cache.js')).createParseCache({ dir: opts.cacheLocation, linted: lintedFolders(inputs) }) : undefined;
  const source = configSource(opts.config);
  let report: ReviewReport;
  try {
    // Twice as many documents in flight as workers, so a worker never waits for its next
    // document's bytes (or for this thread's cache reads and writes).
    report = await reviewPaths(inputs, {
      config: source,
      onProgress: progress.onProgress,
      review: cache ? cache.wrapReview(pool.review) : pool.review,
      cross: crossInPool(pool),
      concurrency: pool.size * 2,
      ignorePatterns: opts.ignorePattern ?? [],
      questionnaires: opts.questionnaire ?? [],
      stdin: opts.stdin,
      ...(knownExploited ? { knownExploited } : {}),
    });
  } finally {
    if (!opts.pool) await pool.close();
    await cache?.prune();
    for (const notice of cache?.notices ?? []) process.stderr.write(`dicomsec: ${notice}\n`);
  }
  progress.done();
  printNotices(report);
  return { report, source };
}
