// The questions a questionnaire asks, shared by its Markdown and workbook forms: one row per open
// finding and place, one set per product. A statement published twice (Markdown and PDF) or a
// form exported twice (xlsx and csv) raises the same findings twice; a vendor asked the same
// question twice answers it twice, so rows are keyed by product + rule + question or section and
// list every document that raised them. Documents are named by file name only: a local path
// says nothing to the vendor and tells them about the reviewer's disk.
import type { Evidence, Finding, Severity } from '../core/findings.js';
import { documentName, placeOf } from '../documents/questionnaire/layout.js';
import { kindOf } from '../documents/kinds.js';
import type { DocumentReview, ReviewReport } from '../engine/report.js';
import { groupProducts, productOf as productIn } from '../engine/products.js';
import type { Catalog } from '../rules/catalog.js';
import { describeEvidence } from './location.js';

export { documentName } from '../documents/questionnaire/layout.js';

export interface QuestionRow {
  product: string;
  /** File names of the documents that raised it, in report order. */
  documents: string[];
  /** The question ID or '§ section' the finding is about; '' when its evidence names neither. */
  place: string;
  /** Where in the first document: sheet and cell, page and line. */
  location: string;
  /** What the vendor said: the quote of the finding's first evidence. */
  vendorSaid: string;
  /** What is missing: the finding's message. */
  needed: string;
  /** The rule's follow-up question for the vendor. */
  question: string;
  ruleId: string;
  title: string;
  severity: Severity;
  /** A finding between two documents (an MDS2 form against a statement). */
  cross: boolean;
}

export interface ProductQuestions {
  product: string;
  documents: string[];
  rows: QuestionRow[];
}

export interface QuestionnaireContent {
  products: ProductQuestions[];
  /** Inconsistencies between documents, each naming both. */
  cross: QuestionRow[];
  /** Documents that could not be reviewed: file name and why. */
  unreadable: { document: string; error: string }[];
}

function physical(e: Evidence): string {
  const withoutPlace = { ...e, questionId: undefined, section: undefined };
  const text = describeEvidence(withoutPlace);
  return text === 'document' ? '' : text;
}

/**
 * The product a document belongs to, named as report and compare name it (engine/products.ts: a
 * form and a statement of one product, a document in two formats, are one product); a kind those
 * do not group is named by its title, else by its file name.
 */
export function productNamer(report: ReviewReport, cwd?: string): (d: DocumentReview) => string {
  const products = groupProducts(report.documents, { cwd });
  return (d) => {
    const grouped = productIn(products, d.path)?.name;
    if (grouped) return grouped;
    const title = d.model ? kindOf(d.model).title(d.model).join(', ') : '';
    return title || documentName(d.path);
  };
}

function rowOf(f: Finding, product: string, documents: string[], catalog: Catalog, cross: boolean): QuestionRow | undefined {
  const rule = catalog.get(f.ruleId);
  if (!rule) return undefined; // the tool's own findings (an expired waiver) ask the vendor nothing
  const first = f.evidence[0];
  return {
    product,
    documents,
    place: placeOf(first),
    location: first ? physical(first) : '',
    vendorSaid: first?.quote ?? '',
    needed: f.message,
    question: rule.question,
    ruleId: f.ruleId,
    title: rule.title,
    severity: f.severity,
    cross,
  };
}

/** Whether a document's findings are questions for a vendor (not for an RFP draft or a questionnaire read back: the reviewer's own). */
const asksVendor = (d: DocumentReview) => d.status === 'reviewed' && !(d.model && kindOf(d.model).reviewerOwned);

export function questionnaireContent(report: ReviewReport, catalog: Catalog, cwd?: string): QuestionnaireContent {
  const productOf = productNamer(report, cwd);
  const products = new Map<string, ProductQuestions>();
  const rows = new Map<string, QuestionRow>();
  for (const d of report.documents) {
    if (!asksVendor(d) || d.findings.length === 0) continue;
    const product = productOf(d);
    const key = product.toLowerCase().replace(/\s+/g, ' ');
    let group = products.get(key);
    if (!group) products.set(key, (group = { product, documents: [], rows: [] }));
    const name = documentName(d.path);
    if (!group.documents.includes(name)) group.documents.push(name);
    for (const f of d.findings) {
      const row = rowOf(f, product, [name], catalog, false);
      if (!row) continue;
      const rowKey = `${key}\0${row.ruleId}\0${row.place}`;
      const seen = rows.get(rowKey);
      if (seen) {
        if (!seen.documents.includes(name)) seen.documents.push(name);
        continue;
      }
      row.documents = [name];
      rows.set(rowKey, row);
      group.rows.push(row);
    }
  }
  const byPath = new Map(report.documents.map((d) => [d.path, d]));
  const cross: QuestionRow[] = [];
  const crossKeys = new Map<string, QuestionRow>();
  for (const f of report.crossFindings) {
    const paths = [...new Set(f.evidence.map((e) => e.path).filter((p): p is string => !!p))];
    const documents = paths.map(documentName);
    const products = [...new Set(paths.map((p) => byPath.get(p)).filter((d): d is DocumentReview => !!d).map(productOf))];
    const row = rowOf(f, products.join(' / '), documents, catalog, true);
    if (!row) continue;
    const key = `${row.ruleId}\0${f.evidence.map(placeOf).join('\0')}\0${products.join('\0')}`;
    const seen = crossKeys.get(key);
    if (seen) {
      for (const name of documents) if (!seen.documents.includes(name)) seen.documents.push(name);
      continue;
    }
    crossKeys.set(key, row);
    cross.push(row);
  }
  const unreadable = report.documents.filter((d) => d.status === 'unreadable').map((d) => ({ document: documentName(d.path), error: d.error ?? '' }));
  return { products: [...products.values()].filter((p) => p.rows.length > 0), cross, unreadable };
}
