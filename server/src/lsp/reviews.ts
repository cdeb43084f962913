// Reviews as the language server keeps them: one per document, cached by what it was computed
// from (file stamp or editor version, plus a configuration stamp), computed in the worker pool.
import { configSourceFor } from '../config/resolve.js';
import { stat } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import { unreadableReview, type FileReview, type ReviewOptions } from '../engine/review.js';
import type { WorkerPool } from '../engine/worker-pool.js';
import { buildReviewView, type ReviewView } from '../presenters/review-view.js';
import type { RuleInfo } from '../rules/rule.js';

export interface ReviewEntry {
  /** Absolute file-system path of the reviewed document. */
  path: string;
  /** What the review was computed from: `disk:<mtime>:<size>:<stamp>` or `text:<version>:<stamp>`. */
  key: string;
  review: FileReview;
  rules: Record<string, RuleInfo>;
  ms: number;
  /** The known-exploited list generation it was reviewed under (ReviewService.forgetListDependents): part of its result id. */
  list: number;
  /** Built on demand. */
  view?: ReviewView;
}

export type ReviewOptionsProvider = (path: string) => ReviewOptions;

/** What the view and the diagnostics say when the worker could not finish. */
function failedReview(path: string, error: string): FileReview {
  return { path, kind: 'unknown', status: 'unreadable', error, findings: [], waived: [] };
}

/** Whether a known-exploited list can change this review: an advisory's marks, or a failure (a broken list fails every review). */
export const dependsOnList = (review: FileReview): boolean => review.kind === 'advisory' || review.status !== 'reviewed';

export class ReviewService {
  private entries = new Map<string, ReviewEntry>();
  private inflight = new Map<string, Promise<ReviewEntry>>();
  /** Bumped when settings, configuration files or rule packs change: every cached review is stale. */
  stamp = 0;
  /** Rule metadata seen so far, for hover and documentation. */
  readonly rules = new Map<string, RuleInfo>();
  onReviewed?: (entry: ReviewEntry) => void;

  constructor(
    private readonly pool: WorkerPool,
    private readonly optionsFor: ReviewOptionsProvider,
    private readonly log: (message: string) => void,
  ) {}

  get(path: string): ReviewEntry | undefined {
    return this.entries.get(path);
  }

  all(): ReviewEntry[] {
    return [...this.entries.values()];
  }

  forget(path: string): void {
    this.entries.delete(path);
  }

  invalidateAll(): void {
    this.stamp++;
  }

  /** Bumped when a known-exploited list changes on disk: a review that started before it is not kept. */
  private listGeneration = 0;

  /**
   * A known-exploited list changed on disk: the reviews it can change are forgotten (advisories,
   * and reviews that failed, which a broken list fails), so the next request reviews them again.
   * The other documents keep theirs. Returns the paths forgotten.
   */
  forgetListDependents(): string[] {
    this.listGeneration++;
    const gone: string[] = [];
    for (const [p, e] of this.entries) {
      if (dependsOnList(e.review)) {
        this.entries.delete(p);
        gone.push(p);
      }
    }
    return gone;
  }

  /** The key a disk review of `path` would have now, or undefined when the file is gone. */
  async diskKey(path: string): Promise<string | undefined> {
    try {
      const st = await stat(path);
      return `disk:${st.mtimeMs}:${st.size}:${this.stamp}`;
    } catch {
      return undefined;
    }
  }

  /** Reviews a file from disk (binary documents, and text documents that are not open). */
  async reviewDisk(path: string): Promise<ReviewEntry> {
    const key = (await this.diskKey(path)) ?? `missing:${Date.now()}:${this.stamp}`;
    return this.review(path, key);
  }

  /** Reviews the editor's text of a document. */
  reviewText(path: string, version: number, text: string): Promise<ReviewEntry> {
    return this.review(path, `text:${version}:${this.stamp}`, new TextEncoder().encode(text));
  }

  private review(path: string, key: string, bytes?: Uint8Array): Promise<ReviewEntry> {
    const cached = this.entries.get(path);
    if (cached && cached.key === key) return Promise.resolve(cached);
    const flightKey = `${path}\u0000${key}`;
    const pending = this.inflight.get(flightKey);
    if (pending) return pending;
    const started = Date.now();
    const generation = this.listGeneration;
    const job = (async (): Promise<ReviewEntry> => {
      let review: FileReview;
      let rules: Record<string, RuleInfo> = {};
      try {
        // The CLI's job, budgets and reasons: an over-budget document reads the same in both.
        const { trusted, overrides, cwd, knownExploited } = this.optionsFor(path);
        // The workspace folder is where the reviewer's configuration is looked up from.
        const value = await this.pool.run({ type: 'editor-review', path, bytes, options: { trusted, overrides, config: configSourceFor({ cwd }), ...(knownExploited ? { knownExploited } : {}) } });
        review = value.review;
        rules = value.rules;
      } catch (err) {
        if (err instanceof UsageError) review = failedReview(path, `configuration problem: ${err.message}`);
        else review = unreadableReview(path, err);
        this.log(`review of ${path} failed: ${review.error}`);
      }
      for (const [id, r] of Object.entries(rules)) this.rules.set(id, r);
      const entry: ReviewEntry = { path, key, review, rules, ms: Date.now() - started, list: generation };
      // Reviewed with a list that has changed since: answered, but not kept.
      if (generation === this.listGeneration || !dependsOnList(review)) this.entries.set(path, entry);
      this.onReviewed?.(entry);
      return entry;
    })().finally(() => this.inflight.delete(flightKey));
    this.inflight.set(flightKey, job);
    return job;
  }

  viewOf(entry: ReviewEntry): ReviewView {
    entry.view ??= buildReviewView(entry.review);
    return entry.view;
  }
}
