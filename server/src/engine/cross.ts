// Cross-document checks: an MDS2 form and a conformance statement that describe the same
// product are checked against each other. Pairs come from .dicomsec.yaml `pairs:` or are
// matched by manufacturer and product name (engine/pairing.ts decides).
import path from 'node:path';
import type { Evidence, Finding } from '../core/findings.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import { evaluateRule } from '../rules/evaluate.js';
import { ruleApplicability } from '../rules/applicability.js';
import type { CrossNotApplicable } from './report.js';
import type { FileReview, ReviewOptions } from './review.js';
import { catalogFor, effectiveConfig } from './settings.js';
import { applyWaivers } from '../config/waivers.js';
import { mapEvidenceToOrigins } from './origins.js';
import { pairingDecision, unpairedNotices, type PairingNotice } from './pairing.js';

export { nameTokens } from './pairing.js';
import type { CrossDocument, CrossOutcome } from './jobs.js';
import { isPackedModel, packedOf, unpackModel } from './lazy-model.js';
import { ruleInfo } from '../rules/rule.js';
import { UsageError } from '../core/errors.js';
import type { WorkerPool } from './worker-pool.js';

interface Pair {
  mds2: FileReview & { model: Mds2Form };
  cs: FileReview & { model: ConformanceStatement };
}

/** Same manufacturer and product, or the same product when one side names no manufacturer (engine/pairing.ts). */
export function sameProduct(form: Mds2Form, cs: ConformanceStatement): boolean {
  return pairingDecision(form, cs).paired;
}

export function findPairs(documents: FileReview[], options: ReviewOptions = {}): Pair[] {
  const forms = documents.filter((d): d is Pair['mds2'] => d.status === 'reviewed' && d.model?.kind === 'mds2');
  const statements = documents.filter((d): d is Pair['cs'] => d.status === 'reviewed' && d.model?.kind === 'conformance-statement');
  const pairs: Pair[] = [];
  const paired = new Set<string>();
  // Explicit pairs first: they win over name matching.
  for (const form of forms) {
    for (const p of effectiveConfig(form.path, options).pairs) {
      if (path.resolve(p.mds2) !== form.path) continue;
      const cs = statements.find((s) => s.path === path.resolve(p.conformance));
      if (cs) {
        pairs.push({ mds2: form, cs });
        paired.add(form.path).add(cs.path);
      }
    }
  }
  for (const form of forms) {
    if (paired.has(form.path)) continue;
    for (const cs of statements) {
      if (paired.has(cs.path) || !sameProduct(form.model, cs.model)) continue;
      // One statement per form: a statement published twice (Markdown and PDF) or a form exported
      // twice (xlsx and csv) would otherwise repeat every cross finding.
      pairs.push({ mds2: form, cs });
      paired.add(cs.path);
      break;
    }
  }
  return pairs;
}

/** Why each form and statement of one folder were not paired (cross checks are never skipped silently). */
export function pairingNotices(documents: FileReview[], options: ReviewOptions = {}): PairingNotice[] {
  const paired = new Set<string>();
  for (const p of findPairs(documents, options)) paired.add(p.mds2.path).add(p.cs.path);
  return unpairedNotices(documents, paired);
}

/** Cross rules that do not apply to a pair (its statement shows the product lacks their premise), with the reason. */
export function crossNotApplicable(documents: FileReview[], options: ReviewOptions = {}): CrossNotApplicable[] {
  const out: CrossNotApplicable[] = [];
  for (const pair of findPairs(documents, options)) {
    const subject = { documents: [{ model: pair.mds2.model, path: pair.mds2.path }, { model: pair.cs.model, path: pair.cs.path }] };
    for (const rule of catalogFor(pair.mds2.path, options).rules) {
      if (rule.appliesTo !== 'cross') continue;
      const verdict = ruleApplicability(rule, subject);
      if (!verdict.applicable) out.push({ ruleId: rule.id, reason: verdict.reason, mds2: pair.mds2.path, conformance: pair.cs.path });
    }
  }
  return out;
}

export function crossReview(documents: FileReview[], options: ReviewOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const pair of findPairs(documents, options)) {
    const catalog = catalogFor(pair.mds2.path, options);
    const subject = { documents: [{ model: pair.mds2.model, path: pair.mds2.path }, { model: pair.cs.model, path: pair.cs.path }] };
    const raw = catalog.rules.filter((r) => r.appliesTo === 'cross').flatMap((r) => evaluateRule(r, subject));
    mapEvidenceToOrigins(raw, pair.cs.source, pair.cs.path);
    // Cross findings are waived by the MDS2 side's configuration, as that is where they are listed first.
    findings.push(...applyWaivers(raw, pair.mds2.path, effectiveConfig(pair.mds2.path, options)).findings);
  }
  return findings;
}

/** The forms and statements a cross-document job needs (none when one kind is missing), as a worker receives them. */
export function crossCandidates(documents: FileReview[]): CrossDocument[] {
  const candidates = documents.filter((d) => d.status === 'reviewed' && (d.model?.kind === 'mds2' || d.model?.kind === 'conformance-statement'));
  const both = candidates.some((d) => d.model!.kind === 'mds2') && candidates.some((d) => d.model!.kind === 'conformance-statement');
  // A model the CLI's workers sent packed goes back packed: never deserialized on the main thread.
  return both ? candidates.map((d) => ({ path: d.path, model: packedOf(d.model!) ?? d.model!, source: d.source })) : [];
}

/** The cross job (in a worker): pairs, then each pair's cross rules, so each finding keeps its pair. */
export function crossJob(documents: CrossDocument[], options: ReviewOptions): CrossOutcome {
  const reviews: FileReview[] = documents.map((d) => {
    const model = isPackedModel(d.model) ? unpackModel(d.model) : d.model;
    return { path: d.path, kind: model.kind, status: 'reviewed', model, source: d.source, findings: [], waived: [] };
  });
  const out: CrossOutcome = { pairs: [], rules: {} };
  for (const pair of findPairs(reviews, options)) {
    const findings = crossReview([pair.mds2, pair.cs], options);
    out.pairs.push({ mds2: pair.mds2.path, cs: pair.cs.path, findings });
    try {
      const catalog = catalogFor(pair.mds2.path, options);
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

export const CROSS_FAILED = 'DICOMSEC-CROSS-FAILED';

/**
 * Fails closed when the cross-document checks could not run (past their budget, a crash): one
 * error naming why, at the start of every form and statement that was to be paired.
 */
export function crossFailureFinding(documents: CrossDocument[], reason: string): Finding {
  const evidence: Evidence[] = documents.slice(0, 20).map((d) => ({ path: d.path, section: 'document start', line: 1 }));
  return {
    ruleId: CROSS_FAILED,
    severity: 'error',
    message: `the cross-document checks (MDS2 form against conformance statement) could not be completed: ${reason.replace(/\s+/g, ' ').slice(0, 300)}`,
    evidence,
    frameworks: {},
  };
}

/** Cross-document checks as a job of the pool, under its budgets; a failed job is an error finding, never a silent pass. */
export function crossInPool(pool: WorkerPool): (documents: FileReview[], options: ReviewOptions) => Promise<Finding[]> {
  return async (documents, options) => {
    const candidates = crossCandidates(documents);
    if (candidates.length === 0) return [];
    try {
      // Only what the checks depend on crosses (no callbacks).
      const outcome = await pool.run({ type: 'cross', documents: candidates, options: { cwd: options.cwd, trusted: options.trusted, overrides: options.overrides } });
      return outcome.pairs.flatMap((p) => p.findings);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      return [crossFailureFinding(candidates, (err as Error).message)];
    }
  };
}
