// Cross-document findings as the language server keeps them: the documents of one product (an
// MDS2 form with its statement, SBOM and advisories, related by `.dicomsec.yaml` `pairs:` or by
// manufacturer and product, as the CLI relates them) are checked against each other in the worker
// pool, and each finding is placed on every document it compares. Recomputed when any of those
// documents changes; the caller learns which documents' cross findings changed, to refresh them.
import { createHash } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import { crossCandidates, crossFailureFinding, resolveMissing } from '../engine/cross.js';
import type { CrossOutcome } from '../engine/jobs.js';
import type { FileReview, ReviewOptions } from '../engine/review.js';
import type { WorkerPool } from '../engine/worker-pool.js';
import type { RuleInfo } from '../rules/rule.js';
import type { ReviewEntry } from './reviews.js';
import type { Finding } from '../core/findings.js';

export interface CrossFinding {
  finding: Finding;
  /** The other documents the finding compares (none for a rule about a missing document). */
  partners: string[];
  /** The anchor (the MDS2 form of a pair), whose configuration waives the finding. */
  anchorPath: string;
}

interface Applied {
  key: string;
  byPath: Map<string, CrossFinding[]>;
  prints: Map<string, string>;
}

const EMPTY: Applied = { key: '', byPath: new Map(), prints: new Map() };

function printOf(list: CrossFinding[]): string {
  const text = JSON.stringify(list.map((c) => [c.partners, c.finding.ruleId, c.finding.severity, c.finding.message, c.finding.evidence]));
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

export class CrossService {
  private applied: Applied = EMPTY;
  private inflight = new Map<string, Promise<CrossOutcome | undefined>>();
  private generation = 0;
  private appliedGeneration = 0;
  /** Rule metadata of cross rules, for hover and actions. */
  readonly rules = new Map<string, RuleInfo>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly optionsFor: (path: string) => ReviewOptions,
    private readonly log: (message: string) => void,
  ) {}

  /** Cross findings placed on a document, from the last computation. */
  findingsFor(path: string): CrossFinding[] {
    return this.applied.byPath.get(path) ?? [];
  }

  /** A short fingerprint of a document's cross findings ('' when none), for result ids. */
  printFor(path: string): string {
    return this.applied.prints.get(path) ?? '';
  }

  /**
   * Recomputes the cross findings of these reviews (in discovery order, which decides pairing as
   * in the CLI) when any of them changed. Returns the documents whose cross findings changed.
   */
  async update(entries: ReviewEntry[]): Promise<string[]> {
    // Only what the engine's pairing and cross rules read: no findings, no waived lists.
    const reviews = entries.map((e): FileReview => ({ ...e.review, path: e.path }));
    const documents = crossCandidates(reviews);
    // Rules about a missing document were evaluated in each review: kept when no such document is here (waived ones are not shown).
    const missing = entries.length ? resolveMissing(reviews, this.optionsFor(entries[0]!.path)).filter((f) => !f.waiver) : [];
    const keys = new Map(entries.map((e) => [e.path, e.key]));
    const hasBoth = documents.length > 0;
    const key = (hasBoth ? documents.map((d) => `${d.path}\u0000${keys.get(d.path)}`).join('\n') : '') + `\n${printOf(missing.map((finding) => ({ finding, partners: [], anchorPath: '' })))}`;
    if (key === this.applied.key) return [];
    const generation = ++this.generation;
    let outcome: CrossOutcome | undefined = { subjects: [], rules: {} };
    if (hasBoth) {
      let job = this.inflight.get(key);
      if (!job) {
        const { cwd, trusted, overrides } = this.optionsFor(documents[0]!.path);
        job = this.pool
          .run({ type: 'cross', documents, options: { cwd, trusted, overrides } })
          .catch((err: Error) => {
            this.log(`cross-document review failed: ${err.message}`);
            // A broken configuration is reported on the configuration file; anything else (past
            // the budget, a crash) fails closed, as in the CLI: one error, on every document that
            // was to be checked, naming them.
            if (err instanceof UsageError) return undefined;
            const failure = crossFailureFinding(documents, err.message);
            return { subjects: [{ paths: documents.map((d) => d.path), findings: [failure] }], rules: {} } satisfies CrossOutcome;
          })
          .finally(() => this.inflight.delete(key));
        this.inflight.set(key, job);
      }
      outcome = await job;
    }
    // A failed computation keeps the previous findings; a newer one that finished first wins.
    if (!outcome || generation < this.appliedGeneration) return [];
    this.appliedGeneration = generation;
    for (const [id, r] of Object.entries(outcome.rules)) this.rules.set(id, r);
    const byPath = new Map<string, CrossFinding[]>();
    const add = (p: string, c: CrossFinding) => byPath.set(p, [...(byPath.get(p) ?? []), c]);
    for (const subject of outcome.subjects) {
      const anchorPath = subject.paths[0]!;
      for (const finding of subject.findings) {
        if (finding.waiver) continue;
        for (const p of subject.paths) add(p, { finding, partners: subject.paths.filter((q) => q !== p), anchorPath });
      }
    }
    for (const finding of missing) {
      const home = finding.evidence[0]?.path;
      if (home) add(home, { finding, partners: [], anchorPath: home });
    }
    const prints = new Map([...byPath].map(([p, list]) => [p, printOf(list)]));
    const changed = new Set<string>();
    for (const p of new Set([...prints.keys(), ...this.applied.prints.keys()])) if (prints.get(p) !== this.applied.prints.get(p)) changed.add(p);
    this.applied = { key, byPath, prints };
    return [...changed];
  }
}
