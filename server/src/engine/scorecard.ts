// The scorecard of a review: the documents grouped by product (an MDS2 form and its statement,
// each perhaps in two formats), and for each product how many rules of every NSA MNP milestone
// and WG-14 topic it meets. A presenter draws it (presenters/report-html.ts, report-md.ts); the
// numbers and the verdict are decided here, once, so both formats say the same.
//
// A rule counts only where it could be assessed: a conformance-statement rule is "not assessed"
// for a product with no statement. A rule whose MDS2 questions were left blank is "unanswered",
// never "met" (fail closed: a blank is not a Yes).
import type { Evidence, Finding, Severity } from '../core/findings.js';
import { severityRank } from '../core/findings.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { DocumentModel } from '../documents/kinds.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import type { Catalog } from '../rules/catalog.js';
import type { CatalogRule } from '../rules/rule.js';
import { nameTokens, pairingDecision } from './pairing.js';
import type { DocumentReview, ReviewReport, SkippedFile } from './report.js';

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
  /** Rules of a kind the product has no document of (no statement: the statement rules). */
  notAssessed: { appliesTo: string; rules: number }[];
}

export interface Scorecard {
  products: ProductScore[];
  /** Documents that could not be reviewed: no product can be named for them, and no score is clean. */
  unreadable: DocumentReview[];
  skipped: SkippedFile[];
  verdict: Verdict;
}

// ---------------------------------------------------------------- who made what

/**
 * Text a form or template leaves in a name field when nobody filled it in ('Device Model',
 * '____', 'Hidden', '<Product Name>'): never shown as the product's name.
 */
const PLACEHOLDER_NAMES = /^(?:hidden|redacted|tbd|tba|n\/?a|none|unknown|x+|\?+|(?:device|product|model|manufacturer|company|vendor|software|document)(?:\s+(?:model|name|number|description|version|id|release|date))*(?:\s+here)?|(?:name|model|version|date)(?:\s+of\s+\w+)?)$/i;

export function meaningfulName(text: string | null | undefined): string | undefined {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t || /^[\s_\-–—.…*#xX]*$/.test(t)) return undefined;
  const bare = t.replace(/^[<[{(]+|[>\]})]+$/g, '').trim();
  if (!bare || PLACEHOLDER_NAMES.test(bare)) return undefined;
  return t;
}

interface Identity {
  manufacturer?: string;
  product?: string;
  version?: string;
  date?: string;
  documentId?: string;
  title: string;
}

function identityOf(model: DocumentModel): Identity {
  if (model.kind === 'mds2') {
    const form = model as Mds2Form;
    return {
      manufacturer: meaningfulName(form.manufacturer),
      product: meaningfulName(form.model) ?? meaningfulName(form.deviceDescription),
      version: meaningfulName(form.softwareRevision),
      date: meaningfulName(form.releaseDate),
      documentId: meaningfulName(form.documentId),
      title: `MDS2 ${form.edition}`,
    };
  }
  const cs = model as ConformanceStatement;
  return {
    manufacturer: meaningfulName(cs.manufacturer),
    product: meaningfulName(cs.product),
    version: meaningfulName(cs.version),
    date: meaningfulName(cs.dateIso ?? cs.date),
    title: 'DICOM Conformance Statement',
  };
}

const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((t) => b.has(t));
const within = (a: Set<string>, b: Set<string>) => a.size > 0 && [...a].every((t) => b.has(t));

/** Two documents of the same kind describe one product: same maker, one product name inside the other, no differing version. */
function sameIdentity(a: Identity, b: Identity): boolean {
  if (a.version && b.version && a.version !== b.version) return false;
  const makerA = nameTokens(a.manufacturer);
  const makerB = nameTokens(b.manufacturer);
  if (makerA.size && makerB.size && !overlaps(makerA, makerB)) return false;
  const productA = nameTokens(a.product);
  const productB = nameTokens(b.product);
  return within(productA, productB) || within(productB, productA);
}

// ---------------------------------------------------------------- grouping

interface Member {
  review: DocumentReview;
  kind: string;
  /** Absent only for a review that kept no model: the document is then a product of its own, unnamed. */
  model?: DocumentModel;
  identity: Identity;
}

/** Reviewed documents with a model, grouped into products (union of pairing decisions, same identities and cross findings). */
function groupProducts(report: ReviewReport): Member[][] {
  const members: Member[] = report.documents
    .filter((d) => d.status === 'reviewed')
    .map((d) => ({ review: d, kind: d.model?.kind ?? d.kind, model: d.model, identity: d.model ? identityOf(d.model) : { title: d.kind } }));
  const parent = members.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (i: number, j: number) => {
    parent[find(i)] = find(j);
  };
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i]!;
      const b = members[j]!;
      if (!a.model || !b.model) continue;
      if (a.kind === b.kind) {
        if (sameIdentity(a.identity, b.identity)) union(i, j);
      } else {
        const [form, cs] = a.kind === 'mds2' ? [a, b] : [b, a];
        if (form.kind === 'mds2' && cs.kind === 'conformance-statement' && pairingDecision(form.model as Mds2Form, cs.model as ConformanceStatement).paired) union(i, j);
      }
    }
  }
  // Explicit pairs (.dicomsec.yaml pairs:) show in the cross findings and their not-applicable notes.
  const index = new Map(members.map((m, i) => [m.review.path, i]));
  const joinPaths = (paths: (string | undefined)[]) => {
    const ids = paths.map((p) => (p ? index.get(p) : undefined)).filter((i): i is number => i !== undefined);
    for (const i of ids.slice(1)) union(ids[0]!, i);
  };
  for (const f of report.crossFindings) joinPaths(f.evidence.map((e) => e.path));
  for (const n of report.crossNotApplicable ?? []) joinPaths([n.mds2, n.conformance]);
  const groups = new Map<number, Member[]>();
  members.forEach((m, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), m]);
  });
  return [...groups.values()];
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

function unansweredOf(members: Member[]): UnansweredQuestion[] {
  const byId = new Map<string, UnansweredQuestion>();
  for (const m of members) {
    if (m.model?.kind !== 'mds2') continue;
    const form = m.model;
    for (const id of form.order) {
      const a = form.answers[id];
      if (!a || a.value !== 'unanswered') continue;
      const seen = byId.get(id);
      if (seen) {
        if (!seen.documents.includes(m.review.path)) seen.documents.push(m.review.path);
        continue;
      }
      byId.set(id, {
        questionId: id,
        question: a.question,
        evidence: { path: m.review.path, questionId: id, answer: 'unanswered', section: a.section, ...a.location, quote: a.raw },
        documents: [m.review.path],
      });
    }
  }
  return [...byId.values()];
}

// ---------------------------------------------------------------- rule statuses

interface ProductFacts {
  kinds: Set<string>;
  /** An MDS2 form and a statement both present: cross rules are assessed. */
  hasPair: boolean;
  gaps: Set<string>;
  waived: Set<string>;
  /** Rule → reason, when every document the rule applies to says it does not apply. */
  notApplicable: Map<string, string>;
  forms: Mds2Form[];
}

function factsOf(members: Member[], report: ReviewReport, findings: ProductFinding[], waived: ProductFinding[]): ProductFacts {
  const kinds = new Set(members.map((m) => m.kind));
  const notApplicable = new Map<string, string>();
  const paths = new Set(members.map((m) => m.review.path));
  // A rule is not applicable to the product when each document of its kind says so.
  const byKind = new Map<string, Member[]>();
  for (const m of members) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  for (const docs of byKind.values()) {
    const lists = docs.map((m) => new Map((m.review.notApplicable ?? []).map((n) => [n.ruleId, n.reason])));
    for (const [ruleId, reason] of lists[0] ?? []) if (lists.every((l) => l.has(ruleId))) notApplicable.set(ruleId, reason);
  }
  for (const n of report.crossNotApplicable ?? []) if (paths.has(n.mds2) && paths.has(n.conformance)) notApplicable.set(n.ruleId, n.reason);
  return {
    kinds,
    hasPair: kinds.has('mds2') && kinds.has('conformance-statement'),
    gaps: new Set(findings.map((f) => f.finding.ruleId)),
    waived: new Set(waived.map((f) => f.finding.ruleId)),
    notApplicable,
    forms: members.flatMap((m) => (m.model?.kind === 'mds2' ? [m.model] : [])),
  };
}

/** The status of one rule for a product, or undefined when it cannot be assessed (no document of its kind). */
export function ruleStatus(rule: CatalogRule, facts: ProductFacts): RuleStatus | undefined {
  const assessable = rule.appliesTo === 'cross' ? facts.hasPair : facts.kinds.has(rule.appliesTo);
  if (!assessable) return undefined;
  if (facts.gaps.has(rule.id)) return 'gap';
  if (facts.waived.has(rule.id)) return 'waived';
  if (facts.notApplicable.has(rule.id)) return 'not-applicable';
  // An answers: rule fires on any one of its questions; it is met only when every form answered them all.
  const questions = Object.keys(rule.answers ?? {});
  const blank = (form: Mds2Form, id: string) => (form.answers[id]?.value ?? 'unanswered') === 'unanswered';
  if (questions.length && facts.forms.some((form) => questions.some((id) => blank(form, id)))) return 'unanswered';
  return 'met';
}

/** Milestone and topic ids in the order the packs declare their groups; ids no pack declares after them, sorted. */
function rowOrder(catalog: Catalog, ids: Set<string>): { id: string; title: string }[] {
  const declared = new Map<string, string>();
  for (const pack of catalog.packs) for (const g of pack.groups ?? []) if (!declared.has(g.id)) declared.set(g.id, g.title);
  const known = [...declared.keys()].filter((id) => ids.has(id));
  const rest = [...ids].filter((id) => !declared.has(id)).sort();
  return [...known, ...rest].map((id) => ({ id, title: declared.get(id) ?? id }));
}

function scoreRows(catalog: Catalog, framework: 'nsa-mnp' | 'wg14', facts: ProductFacts, findings: ProductFinding[]): ScoreRow[] {
  const ids = new Set(catalog.rules.flatMap((r) => r.frameworks[framework] ?? []));
  const rows = new Map(
    rowOrder(catalog, ids).map(({ id, title }) => [id, { id, title, met: 0, gap: 0, waived: 0, unanswered: 0, notApplicable: 0, assessed: 0, findings: { error: 0, warning: 0, info: 0 } } as ScoreRow]),
  );
  for (const rule of catalog.rules) {
    const status = ruleStatus(rule, facts);
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

const pick = (members: Member[], key: 'manufacturer' | 'product' | 'version', prefer: string) =>
  members.find((m) => m.kind === prefer && m.identity[key])?.identity[key] ?? members.find((m) => m.identity[key])?.identity[key];

function productScore(members: Member[], report: ReviewReport, catalog: Catalog): ProductScore {
  const paths = new Set(members.map((m) => m.review.path));
  const ofProduct = (f: Finding) => f.evidence.some((e) => e.path && paths.has(e.path));
  const open = mergeFindings(
    [...members.flatMap((m) => m.review.findings.map((finding) => ({ finding, path: m.review.path }))), ...report.crossFindings.filter(ofProduct).map((finding) => ({ finding }))],
    catalog,
  );
  const waived = mergeFindings(members.flatMap((m) => m.review.waived.map((finding) => ({ finding, path: m.review.path }))), catalog);
  const unanswered = unansweredOf(members);
  const facts = factsOf(members, report, open, waived);
  const milestones = scoreRows(catalog, 'nsa-mnp', facts, open);
  const topics = scoreRows(catalog, 'wg14', facts, open);
  const notAssessed = new Map<string, number>();
  for (const rule of catalog.rules) if (!ruleStatus(rule, facts)) notAssessed.set(rule.appliesTo, (notAssessed.get(rule.appliesTo) ?? 0) + 1);
  const notApplicable = [...facts.notApplicable].map(([ruleId, reason]) => ({ ruleId, title: catalog.get(ruleId)?.title, reason })).sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
  const notAssessedCount = [...notAssessed.values()].reduce((a, b) => a + b, 0);
  return {
    manufacturer: pick(members, 'manufacturer', 'conformance-statement'),
    // The statement's product name is the product's own; the form's model field often carries the version too.
    product: pick(members, 'product', 'conformance-statement'),
    version: pick(members, 'version', 'conformance-statement'),
    documents: members.map((m) => ({ path: m.review.path, kind: m.kind, title: m.identity.title, date: m.identity.date, documentId: m.identity.documentId, sha256: m.review.sha256 })),
    verdict: productVerdict(open, unanswered.length, milestones, notAssessedCount),
    milestones,
    topics,
    findings: open,
    waived,
    unanswered,
    notApplicable,
    notAssessed: [...notAssessed].map(([appliesTo, rules]) => ({ appliesTo, rules })),
  };
}

export function buildScorecard(report: ReviewReport, catalog: Catalog): Scorecard {
  const products = groupProducts(report).map((members) => productScore(members, report, catalog));
  const unreadable = report.documents.filter((d) => d.status === 'unreadable');
  return { products, unreadable, skipped: report.skipped ?? [], verdict: overallVerdict(products, unreadable.length) };
}
