// The scorecard of a review: the documents grouped by product as compare and exposure group them
// (engine/products.ts), and for each product how many rules of every NSA MNP milestone and WG-14
// topic it meets. A presenter draws it (presenters/report-html.ts, report-md.ts); the numbers and
// the verdict are decided here, once, so both formats say the same.
//
// A rule's status for a product is milestone-scores.ts's (gap, waived, unanswered — a rule that
// found nothing only because the MDS2 questions it tests were left blank is never "met", fail
// closed —, not applicable, passed as "met"). A product's documents are its forms, statements,
// SBOMs and advisories; rules of a kind it has no document of, and cross rules comparing a kind it
// has none of (milestone-scores' no-document), are "not assessed".
import type { Evidence, Finding, Severity } from '../core/findings.js';
import { severityRank } from '../core/findings.js';
import type { Catalog } from '../rules/catalog.js';
import type { CatalogRule } from '../rules/rule.js';
import { kindOf } from '../documents/kinds.js';
import { requiredKinds, ruleStatus as milestoneRuleStatus } from './milestone-scores.js';
import { groupProducts, meaningfulName, productDocuments, type FormReview, type Product, type ProductDocumentReview } from './products.js';
import type { DocumentReview, ReviewReport, SkippedFile } from './report.js';
import type { ReviewOptions } from './review.js';

export type RuleStatus = 'met' | 'gap' | 'waived' | 'unanswered' | 'not-applicable';

/** One milestone or topic of a product's scorecard. */
export interface ScoreRow {
  id: string;
  title: string;
  met: number;
  gap: number;
  waived: number;
  unanswered: number;
  notApplicable: number;
  /** met + gap + waived + unanswered: the rules that could be assessed. */
  assessed: number;
  /** Open findings of the row's rules, by severity. */
  findings: Record<Severity, number>;
}

export interface ProductDocument {
  path: string;
  kind: string;
  /** 'MDS2 HN 1-2019', 'DICOM Conformance Statement'. */
  title: string;
  /** The document's own date (the form's release date, the statement's date), as written. */
  date?: string;
  documentId?: string;
  sha256?: string;
}

/** A finding of the product, once even when two exports of a document both carry it. */
export interface ProductFinding {
  finding: Finding;
  rule?: CatalogRule;
  /** Every document it was found in (absolute paths). */
  documents: string[];
}

export interface UnansweredQuestion {
  questionId: string;
  question?: string;
  evidence: Evidence;
  documents: string[];
}

export interface NotApplicableRule {
  ruleId: string;
  title?: string;
  reason: string;
}

export type VerdictLevel = 'incomplete' | 'gaps' | 'concerns' | 'clear';

export interface Verdict {
  level: VerdictLevel;
  /** One sentence for a purchasing committee. */
  line: string;
}

export interface ProductScore {
  manufacturer?: string;
  product?: string;
  version?: string;
  documents: ProductDocument[];
  verdict: Verdict;
  milestones: ScoreRow[];
  topics: ScoreRow[];
  /** Open findings, most severe first. */
  findings: ProductFinding[];
  waived: ProductFinding[];
  unanswered: UnansweredQuestion[];
  notApplicable: NotApplicableRule[];
  /**
   * Rules the product lacks a document for (no statement: the statement rules), by the kinds they
   * need: `kinds` is the rule's own kind, or the kinds a cross rule compares.
   */
  notAssessed: { appliesTo: string; kinds: string[]; rules: number }[];
}

export interface Scorecard {
  products: ProductScore[];
  /** Documents that could not be reviewed: no product can be named for them, and no score is clean. */
  unreadable: DocumentReview[];
  /**
   * Reviewed documents of no product: the reviewer's own (an RFP draft), and SBOMs or advisories
   * related to no product's form or statement. Listed, never scored.
   */
  others: DocumentReview[];
  skipped: SkippedFile[];
  verdict: Verdict;
}

// ---------------------------------------------------------------- who made what

// Placeholder names ('Device Model', '____', 'Hidden') are dropped as products.ts drops them.
export { meaningfulName } from './products.js';

interface Identity {
  manufacturer?: string;
  product?: string;
  version?: string;
  date?: string;
  documentId?: string;
  title: string;
}

function identityOf(d: ProductDocumentReview): Identity {
  const m = d.model;
  if (m.kind === 'mds2') {
    return {
      manufacturer: meaningfulName(m.manufacturer),
      product: meaningfulName(m.model) ?? meaningfulName(m.deviceDescription),
      version: meaningfulName(m.softwareRevision),
      date: meaningfulName(m.releaseDate),
      documentId: meaningfulName(m.documentId),
      title: `MDS2 ${m.edition}`,
    };
  }
  if (m.kind === 'conformance-statement') {
    return {
      manufacturer: meaningfulName(m.manufacturer),
      product: meaningfulName(m.product),
      version: meaningfulName(m.version),
      date: meaningfulName(m.dateIso ?? m.date),
      title: 'DICOM Conformance Statement',
    };
  }
  // An SBOM or an advisory names no product apart from its disclosures: only its title and date.
  const title = kindOf(m).view.title(m);
  if (m.kind === 'sbom') return { date: meaningfulName(m.created), title };
  const trackingId = meaningfulName(m.trackingId);
  return { date: meaningfulName(m.released), title: trackingId ? `${title} ${trackingId}` : title };
}

// ---------------------------------------------------------------- findings of a product

const flat = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The same gap in two exports of a document (xlsx and csv, md and pdf) is one finding of the product. */
function findingKey(f: Finding): string {
  const e = f.evidence[0];
  return `${f.ruleId}\u0000${e?.questionId ?? ''}\u0000${flat(f.message)}`;
}

function mergeFindings(items: { finding: Finding; path?: string }[], catalog: Catalog): ProductFinding[] {
  const byKey = new Map<string, ProductFinding>();
  for (const { finding, path } of items) {
    const key = findingKey(finding);
    const paths = path ? [path] : [...new Set(finding.evidence.map((e) => e.path).filter((p): p is string => !!p))];
    const seen = byKey.get(key);
    if (seen) {
      for (const p of paths) if (!seen.documents.includes(p)) seen.documents.push(p);
    } else byKey.set(key, { finding, rule: catalog.get(finding.ruleId), documents: paths });
  }
  return [...byKey.values()].sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity));
}

function unansweredOf(forms: FormReview[]): UnansweredQuestion[] {
  const byId = new Map<string, UnansweredQuestion>();
  for (const f of forms) {
    for (const id of f.model.order) {
      const a = f.model.answers[id];
      if (!a || a.value !== 'unanswered') continue;
      const seen = byId.get(id);
      if (seen) {
        if (!seen.documents.includes(f.path)) seen.documents.push(f.path);
        continue;
      }
      byId.set(id, {
        questionId: id,
        question: a.question,
        evidence: { path: f.path, questionId: id, answer: 'unanswered', section: a.section, ...a.location, quote: a.raw },
        documents: [f.path],
      });
    }
  }
  return [...byId.values()];
}

// ---------------------------------------------------------------- rule statuses

/** The status of one rule for a product, or undefined when it cannot be assessed (no document of its kind). */
export function ruleStatus(rule: CatalogRule, product: Product, report: ReviewReport): RuleStatus | undefined {
  const status = milestoneRuleStatus(rule, product, report);
  if (status === 'no-document') return undefined;
  return status === 'passed' ? 'met' : status;
}

/** Why a rule does not apply to the product, in the words of the documents that said so. */
function notApplicableReason(ruleId: string, product: Product, report: ReviewReport): string {
  const docs = productDocuments(product);
  const own = docs.flatMap((d) => d.notApplicable ?? []).find((n) => n.ruleId === ruleId);
  const paths = new Set(docs.map((d) => d.path));
  return own?.reason ?? (report.crossNotApplicable ?? []).find((n) => n.ruleId === ruleId && paths.has(n.documents[0]!))?.reason ?? 'does not apply';
}

/** Milestone and topic ids in the order the packs declare their groups; ids no pack declares after them, sorted. */
function rowOrder(catalog: Catalog, ids: Set<string>): { id: string; title: string }[] {
  const declared = new Map<string, string>();
  for (const pack of catalog.packs) for (const g of pack.groups ?? []) if (!declared.has(g.id)) declared.set(g.id, g.title);
  const known = [...declared.keys()].filter((id) => ids.has(id));
  const rest = [...ids].filter((id) => !declared.has(id)).sort();
  return [...known, ...rest].map((id) => ({ id, title: declared.get(id) ?? id }));
}

function scoreRows(catalog: Catalog, framework: 'nsa-mnp' | 'wg14', statuses: Map<string, RuleStatus | undefined>, findings: ProductFinding[]): ScoreRow[] {
  const ids = new Set(catalog.rules.flatMap((r) => r.frameworks[framework] ?? []));
  const rows = new Map(
    rowOrder(catalog, ids).map(({ id, title }) => [id, { id, title, met: 0, gap: 0, waived: 0, unanswered: 0, notApplicable: 0, assessed: 0, findings: { error: 0, warning: 0, info: 0 } } as ScoreRow]),
  );
  for (const rule of catalog.rules) {
    const status = statuses.get(rule.id);
    if (!status) continue;
    for (const id of rule.frameworks[framework] ?? []) {
      const row = rows.get(id)!;
      if (status === 'not-applicable') row.notApplicable++;
      else {
        row[status]++;
        row.assessed++;
      }
    }
  }
  for (const f of findings) {
    for (const id of f.finding.frameworks[framework] ?? []) {
      const row = rows.get(id);
      if (row) row.findings[f.finding.severity]++;
    }
  }
  return [...rows.values()].filter((r) => r.assessed + r.notApplicable > 0);
}

// ---------------------------------------------------------------- verdicts

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function productVerdict(findings: ProductFinding[], unanswered: number, milestones: ScoreRow[], notAssessed: number): Verdict {
  const count = (s: Severity) => findings.filter((f) => f.finding.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const blocked = milestones.filter((m) => m.findings.error > 0).map((m) => m.id);
  const caveats = [
    unanswered ? `${plural(unanswered, 'question')} left unanswered` : '',
    infos ? `${plural(infos, 'informational finding')}` : '',
    notAssessed ? `${plural(notAssessed, 'rule')} not assessed for want of a document` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const tail = caveats ? ` (${caveats})` : '';
  if (errors) return { level: 'gaps', line: `Not ready to connect: ${plural(errors, 'error')} and ${plural(warnings, 'warning')} open, blocking ${blocked.join(', ')}${tail}.` };
  if (warnings || unanswered) return { level: 'concerns', line: `Acceptable only with follow-up: ${plural(warnings, 'warning')} open${tail}.` };
  return { level: 'clear', line: `No errors or warnings open in the rules assessed${tail}.` };
}

function overallVerdict(products: ProductScore[], unreadable: number): Verdict {
  if (unreadable) return { level: 'incomplete', line: `Incomplete: ${plural(unreadable, 'document')} could not be read, so this is not a clean result.` };
  const worst = (['gaps', 'concerns', 'clear'] as const).find((l) => products.some((p) => p.verdict.level === l)) ?? 'clear';
  const n = (l: VerdictLevel) => products.filter((p) => p.verdict.level === l).length;
  const parts = [n('gaps') ? `${n('gaps')} not ready to connect` : '', n('concerns') ? `${n('concerns')} needing follow-up` : '', n('clear') ? `${n('clear')} without open errors or warnings` : ''].filter(Boolean);
  return { level: worst, line: `${plural(products.length, 'product')} reviewed: ${parts.join(', ')}.` };
}

// ---------------------------------------------------------------- the scorecard

/** The kinds a product is made of (products.ts): rules of other kinds (an RFP draft's) are not the vendor's to meet. */
const PRODUCT_KINDS = new Set(['mds2', 'conformance-statement', 'sbom', 'advisory', 'cross']);

function productScore(p: Product, report: ReviewReport, catalog: Catalog): ProductScore {
  const docs = productDocuments(p);
  const members = docs.map((d) => ({ doc: d, identity: identityOf(d) }));
  const paths = new Set(docs.map((d) => d.path));
  const ofProduct = (f: Finding) => f.evidence.some((e) => e.path && paths.has(e.path));
  const open = mergeFindings(
    [...docs.flatMap((d) => d.findings.map((finding) => ({ finding, path: d.path }))), ...report.crossFindings.filter((f) => ofProduct(f) && !f.waiver).map((finding) => ({ finding }))],
    catalog,
  );
  const waived = mergeFindings(
    [...docs.flatMap((d) => d.waived.map((finding) => ({ finding, path: d.path }))), ...report.crossFindings.filter((f) => ofProduct(f) && f.waiver).map((finding) => ({ finding }))],
    catalog,
  );
  const unanswered = unansweredOf(p.forms);
  const rules = catalog.rules.filter((r) => PRODUCT_KINDS.has(r.appliesTo));
  const statuses = new Map(rules.map((r) => [r.id, ruleStatus(r, p, report)]));
  const milestones = scoreRows(catalog, 'nsa-mnp', statuses, open);
  const topics = scoreRows(catalog, 'wg14', statuses, open);
  const notAssessed = new Map<string, { appliesTo: string; kinds: string[]; rules: number }>();
  for (const rule of rules) {
    if (statuses.get(rule.id)) continue;
    const kinds = [...requiredKinds(rule)];
    const key = `${rule.appliesTo}\u0000${kinds.join('\u0000')}`;
    const entry = notAssessed.get(key) ?? { appliesTo: rule.appliesTo, kinds, rules: 0 };
    entry.rules++;
    notAssessed.set(key, entry);
  }
  const notApplicable = rules
    .filter((r) => statuses.get(r.id) === 'not-applicable')
    .map((r) => ({ ruleId: r.id, title: r.title, reason: notApplicableReason(r.id, p, report) }))
    .sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
  const notAssessedCount = [...notAssessed.values()].reduce((a, b) => a + b.rules, 0);
  // The statement's names first (a form's model field often carries the version too), placeholders never.
  const pick = (key: 'manufacturer' | 'product' | 'version') =>
    members.find((m) => m.doc.model.kind === 'conformance-statement' && m.identity[key])?.identity[key] ?? members.find((m) => m.identity[key])?.identity[key];
  return {
    manufacturer: pick('manufacturer'),
    product: pick('product'),
    version: pick('version'),
    documents: members.map(({ doc, identity }) => ({ path: doc.path, kind: doc.model.kind, title: identity.title, date: identity.date, documentId: identity.documentId, sha256: doc.sha256 })),
    verdict: productVerdict(open, unanswered.length, milestones, notAssessedCount),
    milestones,
    topics,
    findings: open,
    waived,
    unanswered,
    notApplicable,
    notAssessed: [...notAssessed.values()],
  };
}

/**
 * `options` are the run's (its configuration source names explicit pairs); a presenter without
 * them groups as a run from the working folder would.
 */
export function buildScorecard(report: ReviewReport, catalog: Catalog, options: ReviewOptions = {}): Scorecard {
  const grouped = groupProducts(report.documents, options);
  const products = grouped.map((p) => productScore(p, report, catalog));
  const inProducts = new Set(grouped.flatMap((p) => productDocuments(p).map((d) => d.path)));
  const unreadable = report.documents.filter((d) => d.status === 'unreadable');
  const others = report.documents.filter((d) => d.status === 'reviewed' && !inProducts.has(d.path));
  return { products, unreadable, others, skipped: report.skipped ?? [], verdict: overallVerdict(products, unreadable.length) };
}
