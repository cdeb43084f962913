// The score of a product per NSA Manageable Network Plan milestone, defined once here:
//
//   score = passed / applicable, over the catalogue's rules that map to the milestone
//           (frameworks.nsa-mnp) and apply to a document the product has.
//
// For one product, a rule is
//   - "gap" when it found something (not waived) in any of the product's documents of its kind,
//   - "waived" when all it found is covered by a waiver (the gap stands; the hospital accepted it),
//   - "not-applicable" when the product's documents show it lacks the rule's premise (an offline
//     viewer and the TLS rules), on every such document,
//   - "no-document" when the product has no document of the rule's kind (no statement, no SBOM),
//     or, for a cross rule, of one of the kinds it compares (`between:`; for a `missing:` rule
//     only its anchor kind, since the other's absence is what it reports), or when those documents
//     are not related to each other (the rule was never evaluated on them: an SBOM paired with the
//     statement alone, no form compared with it),
//   - "unanswered" when it found nothing only because an MDS2 question it tests (its `answers:`)
//     was left blank in one of the product's forms (fail closed: a blank is not a Yes),
//   - else "passed".
// Applicable = passed + gap + waived + unanswered; the score is null when nothing applies. A
// product's documents are its forms, statements, SBOMs and advisories (products.ts); a cross
// rule's findings are those whose evidence names one of them. A waived rule does not count as
// passed: the score says what the vendor's documents show, waivers are the reviewer's decision.
import type { Finding } from '../core/findings.js';
import { kindEntry } from '../documents/kinds.js';
import type { Catalog } from '../rules/catalog.js';
import { crossKinds, type CatalogRule } from '../rules/rule.js';
import { productDocuments, productDocumentsOf, relatedKey, type Product } from './products.js';
import type { DocumentReview, ReviewReport } from './report.js';

export type RuleStatus = 'passed' | 'gap' | 'waived' | 'unanswered' | 'not-applicable' | 'no-document';

export interface Milestone {
  /** M1 … M8, NST-LOG, … as the nsa-mnp pack names them. */
  id: string;
  title: string;
  /** Catalogue rules that map to it, in catalogue order. */
  rules: CatalogRule[];
}

export interface MilestoneScore {
  milestone: string;
  applicable: number;
  passed: number;
  /** passed / applicable, from 0 to 1; null when no rule applies. */
  score: number | null;
}

const MNP_PACK = 'nsa-mnp';

/** A rule about vendor documents; one about the reviewer's own (an RFP draft's requirements) scores no product. */
const aboutVendors = (rule: CatalogRule) => rule.appliesTo === 'cross' || !kindEntry(rule.appliesTo)?.reviewerOwned;

/** The milestones in the nsa-mnp pack's group order, then any other milestone a rule maps to, each with its rules. */
export function milestones(catalog: Catalog): Milestone[] {
  const groups = catalog.packs.find((p) => p.pack === MNP_PACK)?.groups ?? [];
  const byId = new Map<string, Milestone>(groups.map((g) => [g.id, { id: g.id, title: g.title, rules: [] }]));
  const extra: Milestone[] = [];
  for (const rule of catalog.rules.filter(aboutVendors)) {
    for (const id of rule.frameworks['nsa-mnp'] ?? []) {
      let m = byId.get(id);
      if (!m) {
        byId.set(id, (m = { id, title: id, rules: [] }));
        extra.push(m);
      }
      m.rules.push(rule);
    }
  }
  extra.sort((a, b) => a.id.localeCompare(b.id));
  return [...groups.map((g) => byId.get(g.id)!), ...extra].filter((m) => m.rules.length > 0);
}

/**
 * The kinds of document a product must hold for a rule to be assessed: the rule's own kind; for a
 * cross rule every kind it compares, or for a `missing:` rule only its anchor kind (the absence is
 * what it is about).
 */
export function requiredKinds(rule: Pick<CatalogRule, 'appliesTo' | 'between' | 'missing'>): readonly string[] {
  if (rule.appliesTo !== 'cross') return [rule.appliesTo];
  const kinds = crossKinds(rule);
  return rule.missing ? kinds.slice(0, 1) : kinds;
}

/** What one rule says of one product (see the definition at the top of this file). */
export function ruleStatus(rule: CatalogRule, product: Product, report: ReviewReport): RuleStatus {
  const docPaths = new Set(productDocuments(product).map((d) => d.path));
  const kinds = requiredKinds(rule);
  if (kinds.some((kind) => !productDocumentsOf(product, kind).length)) return 'no-document';
  // A cross rule between documents of the product that are not related to each other (an SBOM paired with the statement only) was never evaluated: no pass.
  if (rule.appliesTo === 'cross' && kinds.slice(1).some((kind) => !product.related.has(relatedKey(kinds[0]!, kind)))) return 'no-document';
  let findings: Finding[];
  let waived: Finding[];
  let notApplicable: boolean;
  if (rule.appliesTo === 'cross') {
    const ours = report.crossFindings.filter((f) => f.ruleId === rule.id && f.evidence.some((e) => e.path !== undefined && docPaths.has(e.path)));
    findings = ours.filter((f) => !f.waiver);
    waived = ours.filter((f) => f.waiver);
    // Not applicable when it does not apply on every anchor of the product (a cross rule's subject starts with its anchor).
    const na = (report.crossNotApplicable ?? []).filter((n) => n.ruleId === rule.id && docPaths.has(n.documents[0]!));
    const anchors = productDocumentsOf(product, crossKinds(rule)[0]!);
    notApplicable = na.length > 0 && anchors.every((a) => na.some((n) => n.documents[0] === a.path));
  } else {
    const docs: DocumentReview[] = productDocumentsOf(product, rule.appliesTo);
    findings = docs.flatMap((d) => d.findings);
    waived = docs.flatMap((d) => d.waived);
    notApplicable = docs.every((d) => (d.notApplicable ?? []).some((n) => n.ruleId === rule.id));
  }
  if (findings.some((f) => f.ruleId === rule.id)) return 'gap';
  if (waived.some((f) => f.ruleId === rule.id)) return 'waived';
  if (notApplicable) return 'not-applicable';
  // A rule reading answers fires on any one of its questions: silence on one of them is no pass.
  const questions = rule.appliesTo === 'mds2' ? Object.keys(rule.answers ?? {}) : [];
  const blank = (id: string) => product.forms.some((f) => (f.model.answers[id]?.value ?? 'unanswered') === 'unanswered');
  return questions.some(blank) ? 'unanswered' : 'passed';
}

export function milestoneScore(milestone: Milestone, statuses: RuleStatus[]): MilestoneScore {
  const passed = statuses.filter((s) => s === 'passed').length;
  const applicable = passed + statuses.filter((s) => s === 'gap' || s === 'waived' || s === 'unanswered').length;
  return { milestone: milestone.id, applicable, passed, score: applicable ? passed / applicable : null };
}

/** A score as people read it: "75% (3/4)", or "n/a" when nothing applies. */
export function scoreText(s: MilestoneScore): string {
  return s.score === null ? 'n/a' : `${Math.round(s.score * 100)}% (${s.passed}/${s.applicable})`;
}
