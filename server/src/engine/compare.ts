// N products side by side: each product's MDS2 answers by question, its statement's facts, and
// per NSA MNP milestone the rules' verdicts and a score (milestone-scores.ts). A product's
// documents are its forms, statements, SBOMs and advisories (products.ts), so the supply-chain
// rules (SBOM, advisory, and cross rules between them and the form) are scored per product too. The model that the
// compare presenters (html, md, xlsx, json) print; it decides what differs, they only show it.
import type { Evidence } from '../core/findings.js';
import type { AnswerValue } from '../documents/mds2/model.js';
import { MDS2_SECTIONS } from '../documents/mds2/kind.js';
import { HN2019_QUESTION_IDS } from '../documents/mds2/questions.js';
import type { Catalog } from '../rules/catalog.js';
import type { Severity } from '../core/findings.js';
import { COMPARED_FACTS, FACT_GROUP_TITLES, factEvidence, factGroup, factText } from './fact-values.js';
import { milestones, milestoneScore, ruleStatus, type MilestoneScore, type RuleStatus } from './milestone-scores.js';
import { groupProducts, productDocuments, type Product } from './products.js';
import type { ReviewReport } from './report.js';
import type { ReviewOptions } from './review.js';

export interface ComparedProduct {
  name: string;
  manufacturer?: string;
  product?: string;
  version?: string;
  /** The documents behind the column (absolute paths): forms, statements, SBOMs, advisories; answers come from the first form, facts from the first statement. */
  documents: { path: string; kind: string }[];
}

/** One product's answer to a question: null when the product has no form. */
export interface AnswerCell {
  /** The normalised answer, or 'not-in-form' when the form does not ask the question. */
  answer: AnswerValue | 'not-in-form';
  /** The answer as written. */
  text: string;
  note?: string;
  evidence?: Evidence;
}

export interface QuestionRow {
  id: string;
  /** The question as one of the forms prints it, when any does. */
  question?: string;
  cells: (AnswerCell | null)[];
  /** Two products that both have a form answer differently (or one form lacks the question). */
  differs: boolean;
}

/** One product's value of a fact: null when the product has no statement. */
export interface FactCell {
  text: string;
  evidence?: Evidence;
}

export interface FactRow {
  key: string;
  cells: (FactCell | null)[];
  differs: boolean;
}

export interface RuleRow {
  id: string;
  title: string;
  severity: Severity;
  /** The MDS2 questions and statement facts the rule reads. */
  reads: string[];
  statuses: RuleStatus[];
  differs: boolean;
}

export interface MilestoneBlock {
  id: string;
  title: string;
  /** One per product, in column order. */
  scores: MilestoneScore[];
  rules: RuleRow[];
}

export interface Comparison {
  version: 1;
  products: ComparedProduct[];
  /** MDS2 questions by section, in HN 1-2019 order (then any other IDs in form order). */
  questions: { section: string; title: string; rows: QuestionRow[] }[];
  facts: { group: string; title: string; rows: FactRow[] }[];
  milestones: MilestoneBlock[];
  /** Documents that could not be read: the comparison is incomplete, and the run fails (exit 2). */
  unreadable: { path: string; error: string; reason?: string }[];
}

/** Distinct values among the cells of products that have the document: more than one is a difference. */
function differs<T>(cells: (T | null)[], key: (cell: T) => string): boolean {
  return new Set(cells.filter((c): c is T => c !== null).map(key)).size > 1;
}

const answerKey = (c: AnswerCell) => (c.answer === 'text' || c.answer === 'see-note' ? `${c.answer}\u0000${c.text.replace(/\s+/g, ' ').trim().toLowerCase()}` : c.answer);

function questionRows(products: Product[]): Comparison['questions'] {
  const forms = products.map((p) => p.forms[0]);
  const known = new Set(HN2019_QUESTION_IDS);
  const others = [...new Set(forms.flatMap((f) => f?.model.order ?? []))].filter((id) => !known.has(id));
  const ids = [...HN2019_QUESTION_IDS, ...others].filter((id) => forms.some((f) => f?.model.answers[id]));
  const sections = new Map<string, QuestionRow[]>();
  for (const id of ids) {
    const cells = forms.map((f): AnswerCell | null => {
      if (!f) return null;
      const a = f.model.answers[id];
      if (!a) return { answer: 'not-in-form', text: '' };
      return { answer: a.value, text: a.raw, ...(a.note ? { note: a.note } : {}), evidence: { path: f.path, questionId: id, answer: a.value, section: a.section, ...a.location } };
    });
    const question = forms.map((f) => f?.model.answers[id]?.question?.replace(/\s+/g, ' ').trim()).find(Boolean);
    const section = forms.map((f) => f?.model.answers[id]?.section).find(Boolean) ?? id.slice(0, id.indexOf('-'));
    sections.set(section, [...(sections.get(section) ?? []), { id, ...(question ? { question } : {}), cells, differs: differs(cells, answerKey) }]);
  }
  return [...sections].map(([section, rows]) => ({ section, title: MDS2_SECTIONS[section] ?? section, rows }));
}

function factRows(products: Product[]): Comparison['facts'] {
  const statements = products.map((p) => p.statements[0]);
  if (!statements.some(Boolean)) return [];
  const groups = new Map<string, FactRow[]>();
  for (const key of COMPARED_FACTS) {
    const cells = statements.map((s): FactCell | null => {
      if (!s) return null;
      const evidence = factEvidence(s.model, key, s.path);
      return { text: factText(s.model, key), ...(evidence ? { evidence } : {}) };
    });
    const group = factGroup(key);
    groups.set(group, [...(groups.get(group) ?? []), { key, cells, differs: differs(cells, (c) => c.text) }]);
  }
  return [...groups].map(([group, rows]) => ({ group, title: FACT_GROUP_TITLES[group] ?? group, rows }));
}

function reads(rule: Catalog['rules'][number]): string[] {
  const refs = [...Object.keys(rule.answers ?? {}), ...(rule.evidence ?? []).map((e) => ('question' in e ? e.question : e.fact))];
  return [...new Set(refs)];
}

/**
 * The comparison of every product in a review. `options` carries the configuration (its `pairs:`
 * join a form and a statement); `catalog` is the rules the review ran with.
 */
export function compareProducts(report: ReviewReport, catalog: Catalog, options: ReviewOptions = {}): Comparison {
  const products = groupProducts(report.documents, options);
  const blocks: MilestoneBlock[] = milestones(catalog).map((m) => {
    const rules: RuleRow[] = m.rules.map((rule) => {
      const statuses = products.map((p) => ruleStatus(rule, p, report));
      return { id: rule.id, title: rule.title, severity: rule.severity, reads: reads(rule), statuses, differs: differs(statuses.filter((s) => s !== 'no-document'), (s) => s) };
    });
    return { id: m.id, title: m.title, scores: products.map((_p, i) => milestoneScore(m, rules.map((r) => r.statuses[i]!))), rules };
  });
  return {
    version: 1,
    products: products.map((p) => ({
      name: p.name,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.product ? { product: p.product } : {}),
      ...(p.version ? { version: p.version } : {}),
      documents: productDocuments(p).map((d) => ({ path: d.path, kind: d.kind })),
    })),
    questions: questionRows(products),
    facts: factRows(products),
    milestones: blocks,
    unreadable: report.documents.filter((d) => d.status === 'unreadable').map((d) => ({ path: d.path, error: d.error ?? 'unreadable', ...(d.reason ? { reason: d.reason } : {}) })),
  };
}
