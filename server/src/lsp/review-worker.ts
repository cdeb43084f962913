// The worker side of the review pool: everything that reads vendor files (hostile input) or
// walks the disk runs here, off the language server's main thread. One message in, one out.
import { parentPort } from 'node:worker_threads';
import type { Finding } from '../core/findings.js';
import type { FileReview, ReviewOptions } from '../engine/review.js';
import type { CatalogRule } from '../rules/rule.js';

export type WorkerRequest =
  | { type: 'review'; id: number; path: string; bytes?: Uint8Array; options: ReviewOptions }
  | { type: 'discover'; id: number; inputs: string[]; cwd: string }
  | { type: 'catalogue'; id: number; path: string; options: ReviewOptions; all?: boolean }
  | { type: 'export'; id: number; inputs: string[]; format: string; options: ReviewOptions }
  | { type: 'cross'; id: number; reviews: FileReview[]; options: ReviewOptions };

/** Cross-document findings by pair (MDS2 form and statement paths), with their rules. */
export interface CrossOutcome {
  pairs: { mds2: string; cs: string; findings: Finding[] }[];
  rules: Record<string, RuleInfo>;
}

/** A request before the pool numbers it. */
export type WorkerJob = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string; usage?: boolean };

/** A rule as the server needs it for hover, actions and docs (plain data). */
export type RuleInfo = Omit<CatalogRule, 'answers' | 'evidence' | 'when' | 'check'> & { when?: string; check?: string };

export function ruleInfo(rule: CatalogRule): RuleInfo {
  const { answers: _a, evidence: _e, ...rest } = rule;
  return rest;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.type) {
    case 'review': {
      const { reviewFile, catalogFor } = await import('../engine/review.js');
      const review = await reviewFile(req.path, { ...req.options, bytes: req.bytes });
      const rules: Record<string, RuleInfo> = {};
      try {
        const catalog = catalogFor(req.path, req.options);
        for (const f of [...review.findings, ...review.waived]) {
          const r = catalog.get(f.ruleId);
          if (r) rules[r.id] = ruleInfo(r);
        }
      } catch {
        // A broken configuration is reported on the configuration file itself.
      }
      return { review, rules };
    }
    case 'discover': {
      const { discoverDocuments } = await import('../engine/discover.js');
      // A workspace folder without documents is normal in an editor.
      return discoverDocuments(req.inputs, req.cwd, { allowEmptyFolders: true });
    }
    case 'catalogue': {
      const { catalogFor } = await import('../engine/review.js');
      if (req.all) {
        const { fullCatalog } = await import('../rules/catalog.js');
        return fullCatalog().rules.map(ruleInfo);
      }
      return catalogFor(req.path, req.options).rules.map(ruleInfo);
    }
    case 'cross': {
      // The engine's pairing and cross rules, pair by pair so each finding keeps its pair (a
      // finding about an absence carries evidence from one document only).
      const { findPairs, crossReview } = await import('../engine/cross.js');
      const { catalogFor } = await import('../engine/review.js');
      const out: CrossOutcome = { pairs: [], rules: {} };
      for (const pair of findPairs(req.reviews)) {
        const findings = crossReview([pair.mds2, pair.cs], req.options);
        out.pairs.push({ mds2: pair.mds2.path, cs: pair.cs.path, findings });
        try {
          const catalog = catalogFor(pair.mds2.path, req.options);
          for (const f of findings) {
            const r = catalog.get(f.ruleId);
            if (r) out.rules[r.id] = ruleInfo(r);
          }
        } catch {
          // A broken configuration is reported on the configuration file itself.
        }
      }
      return out;
    }
    case 'export': {
      const { reviewPaths, catalogFor } = await import('../engine/review.js');
      const { formatReport } = await import('./export.js');
      const report = await reviewPaths(req.inputs, req.options);
      const catalog = catalogFor(req.inputs[0] ?? req.options.cwd ?? process.cwd(), req.options);
      return formatReport(report, req.format, catalog, req.options.cwd);
    }
  }
}

export function runWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('review worker started outside a worker thread');
  port.on('message', (req: WorkerRequest) => {
    handle(req).then(
      (value) => port.postMessage({ id: req.id, ok: true, value } satisfies WorkerResponse),
      (err: unknown) => {
        const e = err as Error;
        port.postMessage({ id: req.id, ok: false, error: e?.message ?? String(err), usage: e?.name === 'UsageError' } satisfies WorkerResponse);
      },
    );
  });
}
