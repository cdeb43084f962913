// Cross-document checks: documents that describe the same product are checked against each other
// — an MDS2 form with its conformance statement, SBOM and advisories, an SBOM with the advisories.
// Which documents relate comes from .dicomsec.yaml `pairs:` or from manufacturer and product names
// (cross-subjects.ts, pairing.ts); each cross rule names the kinds it compares (`between:`).
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
import { isReviewed, PAIR_KEYS, ProductRelations, subjectsFor, type CrossSubjectSet, type Reviewed } from './cross-subjects.js';
import { crossKinds, type CatalogRule } from '../rules/rule.js';
import type { RuleSubject } from '../rules/context.js';
import type { KindId } from '../documents/kinds.js';

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

/** Each MDS2 form with the conformance statement it is checked against (at most one per form). */
export function findPairs(documents: FileReview[], options: ReviewOptions = {}, relations = new ProductRelations(documents, options)): Pair[] {
  return relations.documents('mds2').flatMap((form) => relations.comparedWith(form, 'conformance-statement').map((cs) => ({ mds2: form, cs }) as Pair));
}

/** Why documents of one folder were not checked against each other (cross checks are never skipped silently). */
export function pairingNotices(documents: FileReview[], options: ReviewOptions = {}): PairingNotice[] {
  const relations = new ProductRelations(documents, options);
  const byPath = new Map(relations.all().map((d) => [d.path, d]));
  return unpairedNotices(documents, (anchorPath, kind) => relations.comparedWith(byPath.get(anchorPath)!, kind).length > 0);
}

/** Each cross rule with the document sets it is evaluated on, from each anchor's own catalogue. */
function crossEvaluations(documents: FileReview[], options: ReviewOptions, only?: (rule: CatalogRule) => boolean): { anchor: Reviewed; rule: CatalogRule; subjects: CrossSubjectSet[] }[] {
  const relations = new ProductRelations(documents, options);
  const out: { anchor: Reviewed; rule: CatalogRule; subjects: CrossSubjectSet[] }[] = [];
  // Documents under one configuration share a catalogue: built once, not once per document.
  const catalogs = new Map<string, CatalogRule[]>();
  const crossRules = (anchor: Reviewed): CatalogRule[] => {
    const config = effectiveConfig(anchor.path, options);
    const key = JSON.stringify([config.file, config.dir, config.packs, config.rules, config.customPacks]);
    let rules = catalogs.get(key);
    // Rules about a missing document run in each document's own review (resolveMissing keeps their findings).
    if (!rules) catalogs.set(key, (rules = catalogFor(anchor.path, options).rules.filter((r) => r.appliesTo === 'cross' && !r.missing && (!only || only(r)))));
    return rules;
  };
  for (const kind of Object.keys(PAIR_KEYS) as KindId[]) {
    for (const anchor of relations.documents(kind)) {
      for (const rule of crossRules(anchor)) {
        if (crossKinds(rule)[0] !== kind) continue;
        const subjects = subjectsFor(rule, anchor, relations);
        if (subjects.length) out.push({ anchor, rule, subjects });
      }
    }
  }
  return out;
}

const subjectOf = (set: CrossSubjectSet): RuleSubject => ({ documents: set.documents.map((d) => ({ model: d.model, path: d.path })) });

/** Cross rules that do not apply to a form and statement pair (its statement shows the product lacks their premise), with the reason. */
export function crossNotApplicable(documents: FileReview[], options: ReviewOptions = {}): CrossNotApplicable[] {
  const out: CrossNotApplicable[] = [];
  // Only rules with a premise can be not applicable.
  for (const { rule, subjects } of crossEvaluations(documents, options, (r) => !!r.requires?.length || !!r.applicableWhen)) {
    for (const set of subjects) {
      const verdict = ruleApplicability(rule, subjectOf(set));
      if (verdict.applicable) continue;
      const form = set.documents.find((d) => d.model.kind === 'mds2');
      const cs = set.documents.find((d) => d.model.kind === 'conformance-statement');
      out.push({ ruleId: rule.id, reason: verdict.reason, ...(form ? { mds2: form.path } : {}), ...(cs ? { conformance: cs.path } : {}), documents: set.documents.map((d) => d.path) });
    }
  }
  return out;
}

/** The findings of every cross rule, by the set of documents they compare (anchor first). */
export function crossSubjectsReview(documents: FileReview[], options: ReviewOptions = {}): { paths: string[]; findings: Finding[] }[] {
  const bySet = new Map<string, { paths: string[]; findings: Finding[] }>();
  for (const { anchor, rule, subjects } of crossEvaluations(documents, options)) {
    for (const set of subjects) {
      const raw = evaluateRule(rule, subjectOf(set));
      if (!raw.length) continue;
      for (const d of set.documents) mapEvidenceToOrigins(raw, d.source, d.path);
      // Cross findings are waived by the anchor's configuration (the MDS2 side for most rules), as that is where they are listed first.
      // Waived ones go along with their waiver (placeWaivedCross lists them with their document), expired waivers as warnings.
      const outcome = applyWaivers(raw, anchor.path, effectiveConfig(anchor.path, options));
      const findings = [...outcome.findings, ...outcome.expired, ...outcome.waived];
      if (!findings.length) continue;
      const paths = set.documents.map((d) => d.path);
      const key = paths.join('\u0000');
      const entry = bySet.get(key) ?? { paths, findings: [] };
      entry.findings.push(...findings);
      bySet.set(key, entry);
    }
  }
  return [...bySet.values()];
}

export function crossReview(documents: FileReview[], options: ReviewOptions = {}): Finding[] {
  return crossSubjectsReview(documents, options).flatMap((s) => s.findings);
}

/**
 * Cross findings waived by configuration join the waived findings of the document their first
 * evidence names (the anchor, most often the MDS2 form), as questionnaire waivers do; the rest
 * are the run's cross findings.
 */
export function placeWaivedCross(documents: FileReview[], findings: Finding[]): Finding[] {
  const open: Finding[] = [];
  for (const f of findings) {
    const home = f.waiver ? documents.find((d) => d.path === f.evidence[0]?.path) : undefined;
    if (home) home.waived.push(f);
    else open.push(f);
  }
  return open;
}

/**
 * The findings of rules about a missing document (`missing:`), found in each document's own
 * review, that hold for this run: no document of the missing kind describes the same product.
 * Waived ones keep their `waiver`. Cheap: identities are compared only when such documents exist.
 */
export function resolveMissing(documents: FileReview[], options: ReviewOptions = {}): Finding[] {
  if (!documents.some((d) => d.pendingCross?.length)) return [];
  const relations = new ProductRelations(documents, options);
  const out: Finding[] = [];
  for (const d of documents) {
    if (!d.pendingCross?.length || !isReviewed(d)) continue;
    for (const p of d.pendingCross) if (relations.accompanying(d, p.missing).length === 0) out.push(p.finding);
  }
  return out;
}

/** The documents a cross-document job needs (none when no cross rule could have a subject), as a worker receives them. */
export function crossCandidates(documents: FileReview[]): CrossDocument[] {
  const candidates = documents.filter((d) => isReviewed(d) && PAIR_KEYS[d.model.kind] !== undefined);
  // Two kinds at least: rules about a missing document are not the job's (resolveMissing).
  const any = new Set(candidates.map((d) => d.model!.kind)).size > 1;
  // A model the CLI's workers sent packed goes back packed: never deserialized on the main thread.
  return any ? candidates.map((d) => ({ path: d.path, model: packedOf(d.model!) ?? d.model!, source: d.source })) : [];
}

/** The cross job (in a worker): relations, then each cross rule on its subjects, so each finding keeps the documents it compares. */
export function crossJob(documents: CrossDocument[], options: ReviewOptions): CrossOutcome {
  const reviews: FileReview[] = documents.map((d) => {
    const model = isPackedModel(d.model) ? unpackModel(d.model) : d.model;
    return { path: d.path, kind: model.kind, status: 'reviewed', model, source: d.source, findings: [], waived: [] };
  });
  const out: CrossOutcome = { subjects: crossSubjectsReview(reviews, options), rules: {} };
  for (const subject of out.subjects) {
    try {
      const catalog = catalogFor(subject.paths[0]!, options);
      for (const f of subject.findings) {
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
      return outcome.subjects.flatMap((s) => s.findings);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      return [crossFailureFinding(candidates, (err as Error).message)];
    }
  };
}
