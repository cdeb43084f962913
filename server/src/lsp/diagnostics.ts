// Findings → LSP diagnostics, for the three places a finding can sit: the lines of a text
// document, the top of a binary document (with the question/cell/page in the message), and the
// lines of a review view.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { Evidence, Finding, Severity } from '../core/findings.js';
import { describeEvidence } from '../presenters/location.js';
import { viewLineFor, type ReviewView } from '../presenters/review-view.js';
import { DIAGNOSTIC_SOURCE, RULE_SCHEME, reviewUriFor, type DiagnosticData } from './protocol.js';
import type { ReviewEntry } from './reviews.js';

export const UNREADABLE_CODE = 'DICOMSEC-UNREADABLE';
/** Text documents that are neither MDS2 nor a statement (a README, notes) are not reported. */
const NOT_A_DISCLOSURE = /neither an MDS2 form nor a DICOM Conformance Statement/;

export type Placement = 'text' | 'binary' | 'view';

export interface MapOptions {
  placement: Placement;
  /** URI the diagnostics are for (the document, or its review view). */
  uri: string;
  /** The reviewed document's URI. */
  documentUri: string;
  /** Editor text lines (text placement), for exact ranges. */
  lines?: string[];
  /** The client can open review views and rule pages. */
  virtualDocuments: boolean;
  view?: ReviewView;
  /** Also report waived findings (as hints). */
  includeWaived?: boolean;
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function lineRange(lines: string[] | undefined, line0: number, quote?: string): Range {
  const text = lines?.[line0];
  if (text === undefined) return { start: { line: line0, character: 0 }, end: { line: line0, character: lines ? 0 : 1000 } };
  if (quote) {
    const q = quote.trim();
    const at = q ? text.indexOf(q.length > 120 ? q.slice(0, 120) : q) : -1;
    if (at >= 0) return { start: { line: line0, character: at }, end: { line: line0, character: at + Math.min(q.length, text.length - at) } };
  }
  const first = text.search(/\S/);
  return { start: { line: line0, character: first < 0 ? 0 : first }, end: { line: line0, character: text.length } };
}

/** 0-based line of an evidence item in the reviewed text file, if it has one. */
function textLineOf(e: Evidence, entry: ReviewEntry): number | undefined {
  if (e.line !== undefined && e.line > 0 && e.page === undefined) return e.line - 1;
  if (e.cell && entry.review.source?.kind === 'sheets' && entry.review.source.format === 'csv') {
    const row = /\d+$/.exec(e.cell)?.[0];
    if (row) return Number(row) - 1;
  }
  if (e.questionId && entry.review.model?.kind === 'mds2') {
    const a = entry.review.model.answers[e.questionId];
    if (a?.location.line && !a.location.page) return a.location.line - 1;
  }
  return undefined;
}

function rangeFor(f: Finding, entry: ReviewEntry, o: MapOptions): Range {
  const e = f.evidence[0];
  if (!e || (e.path && e.path !== entry.path)) return TOP;
  if (o.placement === 'binary') return TOP;
  if (o.placement === 'view') {
    const line = o.view ? viewLineFor(o.view, e) : undefined;
    return line === undefined ? TOP : lineRange(o.view!.text.split('\n'), line);
  }
  const line = textLineOf(e, entry);
  return line === undefined ? TOP : lineRange(o.lines, line, e.quote);
}

function quoteOf(e: Evidence | undefined): string {
  if (!e?.quote) return '';
  const q = e.quote.replace(/\s+/g, ' ').trim();
  return ` — "${q.length > 100 ? q.slice(0, 97) + '…' : q}"`;
}

function related(f: Finding, entry: ReviewEntry, o: MapOptions): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  const reviewUri = reviewUriFor(o.documentUri);
  const view = o.view;
  f.evidence.forEach((e, i) => {
    const where = describeEvidence(e);
    if (e.path && e.path !== entry.path) {
      const line = e.line !== undefined && e.page === undefined ? e.line - 1 : 0;
      out.push({
        location: { uri: pathToFileURL(e.path).href, range: { start: { line, character: 0 }, end: { line, character: 0 } } },
        message: `${i === 0 ? 'Evidence' : 'Also'}: ${where}${quoteOf(e)}`,
      });
      return;
    }
    if (o.placement === 'binary') {
      if (!o.virtualDocuments || !view) return;
      const line = viewLineFor(view, e);
      if (line === undefined) return;
      out.push({
        location: { uri: reviewUri, range: { start: { line, character: 0 }, end: { line, character: 0 } } },
        message: `${i === 0 ? 'Shown in the review view' : 'Also'}: ${where}${quoteOf(e)}`,
      });
    } else if (i > 0) {
      const line = o.placement === 'view' ? (view ? viewLineFor(view, e) : undefined) : textLineOf(e, entry);
      if (line === undefined) return;
      out.push({ location: { uri: o.uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } }, message: `Also: ${where}${quoteOf(e)}` });
    }
  });
  return out;
}

function toDiagnostic(f: Finding, entry: ReviewEntry, o: MapOptions, waived: boolean): Diagnostic {
  const e = f.evidence[0];
  const rule = entry.rules[f.ruleId];
  let message = f.message;
  if (o.placement === 'binary' || o.placement === 'view') {
    const where = e ? describeEvidence(e) : '';
    if (where && where !== 'document') message = `[${where}] ${message}`;
    if (o.placement === 'binary') message += quoteOf(e);
  }
  if (waived && f.waiver) message = `Waived: ${message} (justification: ${f.waiver.justification}${f.waiver.expires ? `; expires ${f.waiver.expires}` : ''})`;
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    documentUri: o.documentUri,
    questionId: e?.questionId,
    section: e?.section,
    followUp: rule?.question,
    waived: waived || undefined,
  };
  const d: Diagnostic = {
    range: rangeFor(f, entry, o),
    severity: waived ? DiagnosticSeverity.Hint : toSeverity(f.severity),
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    message,
    data,
  };
  if (o.virtualDocuments && rule) d.codeDescription = { href: `${RULE_SCHEME}:/${f.ruleId}.md` };
  const rel = related(f, entry, o);
  if (rel.length) d.relatedInformation = rel;
  return d;
}

/** Diagnostics for one reviewed document in one placement. */
export function diagnosticsFor(entry: ReviewEntry, o: MapOptions): Diagnostic[] {
  const r = entry.review;
  if (r.status === 'unreadable') {
    if (o.placement === 'text' && NOT_A_DISCLOSURE.test(r.error ?? '')) return [];
    return [
      {
        range: TOP,
        severity: DiagnosticSeverity.Error,
        source: DIAGNOSTIC_SOURCE,
        code: UNREADABLE_CODE,
        message: `Cannot review this document: ${r.error ?? 'unknown error'}. An unreadable disclosure is not a clean one: ask the vendor for a readable copy.`,
        data: { ruleId: UNREADABLE_CODE, documentUri: o.documentUri } satisfies DiagnosticData,
      },
    ];
  }
  const out = r.findings.map((f) => toDiagnostic(f, entry, o, false));
  if (o.includeWaived) out.push(...r.waived.map((f) => toDiagnostic(f, entry, o, true)));
  return out;
}

/** Findings whose diagnostic covers a position (for hover on text documents and review views). */
export function findingsAt(entry: ReviewEntry, o: MapOptions, line: number): { finding: Finding; waived: boolean }[] {
  const out: { finding: Finding; waived: boolean }[] = [];
  const check = (f: Finding, waived: boolean) => {
    const range = rangeFor(f, entry, o);
    if (range.start.line <= line && line <= range.end.line && !(range === TOP && line !== 0)) out.push({ finding: f, waived });
  };
  entry.review.findings.forEach((f) => check(f, false));
  entry.review.waived.forEach((f) => check(f, true));
  return out;
}
