// Findings → LSP diagnostics, for the three places a finding can sit: the lines of a text
// document, the top of a binary document (with the question/cell/page in the message), and the
// lines of a review view (there they become decorations, not diagnostics: see viewFindings).
// Cross-document findings (an MDS2 form against its statement) are placed on both documents, on
// each one's own evidence, with related information pointing at the other's.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { Evidence, Finding, Severity } from '../core/findings.js';
import { describeEvidence } from '../presenters/location.js';
import { extensionOf } from '../readers/formats.js';
import { viewLineFor, type ReviewView } from '../presenters/review-view.js';
import { DIAGNOSTIC_SOURCE, RULE_SCHEME, reviewUriFor, type DiagnosticData, type ViewFinding } from './protocol.js';
import type { RuleInfo } from '../rules/rule.js';
import type { ReviewEntry } from './reviews.js';

export const UNREADABLE_CODE = 'DICOMSEC-UNREADABLE';
/** Text documents that are neither MDS2 nor a statement (a README, notes) are not reported. */
// Text the editor opens that is no vendor document of any kind (notes, a README, a package.json or
// tsconfig.json among the JSON files the client now sends for SBOMs and advisories): no diagnostic
// in its own buffer. The CLI still says so, and a declined vendor document (an HL7 statement, a
// security guide) still gets its error.
const NOT_A_DISCLOSURE = /neither an MDS2 form nor a DICOM Conformance Statement|^a JSON data file, not a vendor document/;
/** Keys only an SBOM or advisory has (CycloneDX, SPDX, CSAF). */
const DISCLOSURE_KEY = /"(?:bomFormat|spdxVersion|csaf_version)"\s*:/i;

/**
 * An unreadable text document the editor does not flag in its own buffer: one that is no vendor
 * document (above), or a `.json` buffer that is not valid JSON (a package.json mid-edit; the JSON
 * language reports its syntax) and has none of the keys of an SBOM or advisory. A broken SBOM or
 * advisory keeps its error, and so does every document whose buffer lines are not known.
 */
function silentInBuffer(r: ReviewEntry['review'], o: MapOptions): boolean {
  if (o.placement !== 'text') return false;
  if (r.reason === 'not-a-document') return NOT_A_DISCLOSURE.test(r.error ?? '');
  return r.reason === 'corrupt' && extensionOf(r.path) === 'json' && o.lines !== undefined && !o.lines.some((l) => DISCLOSURE_KEY.test(l));
}

export type Placement = 'text' | 'binary' | 'view';

/** A cross-document finding as placed on one of the documents it compares. */
export interface CrossPlacement {
  finding: Finding;
  /** The other documents it compares (paths); none for a rule about a missing document. */
  partners: string[];
  /** The anchor document (the MDS2 form of a pair): its configuration waives cross findings, so waivers name it. */
  anchorUri: string;
}

const partnerNames = (cross: CrossPlacement, markdown = false) => cross.partners.map((p) => (markdown ? `\`${path.basename(p)}\`` : path.basename(p))).join(', ');

/** "cross-check with cs.pdf", or, for a rule about a document that is missing, "cross-document check". */
function crossLabel(cross: CrossPlacement): string {
  const names = partnerNames(cross);
  return names ? `cross-check with ${names}` : 'cross-document check';
}

/** Where another document's evidence is shown: a URI and a 0-based line. */
export type EvidenceLocator = (e: Evidence) => { uri: string; line: number } | undefined;

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
  /** Cross-document findings that involve this document. */
  cross?: CrossPlacement[];
  /** Locates evidence in other documents (cross findings); default: the file, at its line. */
  locate?: EvidenceLocator;
  /** Rule metadata beyond the review's own (cross rules). */
  rules?: (ruleId: string) => RuleInfo | undefined;
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

const isOwn = (e: Evidence, entry: ReviewEntry) => !e.path || e.path === entry.path;

/** The evidence item a finding is placed on in this document, if it has one here. */
function ownEvidence(f: Finding, entry: ReviewEntry, cross: boolean): Evidence | undefined {
  if (!cross) {
    const e = f.evidence[0];
    return e && isOwn(e, entry) ? e : undefined;
  }
  return f.evidence.find((e) => isOwn(e, entry));
}

function rangeOf(e: Evidence | undefined, entry: ReviewEntry, o: MapOptions): Range {
  if (!e) return TOP;
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

function defaultLocate(e: Evidence): { uri: string; line: number } | undefined {
  if (!e.path) return undefined;
  return { uri: pathToFileURL(e.path).href, line: e.line !== undefined && e.page === undefined ? e.line - 1 : 0 };
}

function related(f: Finding, entry: ReviewEntry, o: MapOptions, own: Evidence | undefined, partner?: string): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  const reviewUri = reviewUriFor(o.documentUri);
  const view = o.view;
  const at = (uri: string, line: number) => ({ uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } });
  let partnerLinked = false;
  f.evidence.forEach((e, i) => {
    const where = describeEvidence(e);
    if (!isOwn(e, entry)) {
      const loc = (o.locate ?? defaultLocate)(e);
      if (!loc) return;
      partnerLinked = true;
      const label = partner ? `In ${path.basename(e.path!)}` : i === 0 ? 'Evidence' : 'Also';
      out.push({ location: at(loc.uri, loc.line), message: `${label}: ${where}${quoteOf(e)}` });
      return;
    }
    if (o.placement === 'binary') {
      if (!o.virtualDocuments || !view) return;
      const line = viewLineFor(view, e);
      if (line === undefined) return;
      out.push({ location: at(reviewUri, line), message: `${e === own ? 'Shown in the review view' : 'Also'}: ${where}${quoteOf(e)}` });
    } else if (e !== own) {
      const line = o.placement === 'view' ? (view ? viewLineFor(view, e) : undefined) : textLineOf(e, entry);
      if (line === undefined) return;
      out.push({ location: at(o.uri, line), message: `Also: ${where}${quoteOf(e)}` });
    }
  });
  if (partner && !partnerLinked) {
    // The gap is an absence in the other document (e.g. a statement that names no profile).
    const loc = (o.locate ?? defaultLocate)({ path: partner });
    if (loc) out.push({ location: at(loc.uri, loc.line), message: `Compared with ${path.basename(partner)}` });
  }
  return out;
}

function ruleOf(f: Finding, entry: ReviewEntry, o: MapOptions): RuleInfo | undefined {
  return entry.rules[f.ruleId] ?? o.rules?.(f.ruleId);
}

function toDiagnostic(f: Finding, entry: ReviewEntry, o: MapOptions, waived: boolean, cross?: CrossPlacement): Diagnostic {
  const own = ownEvidence(f, entry, !!cross);
  const rule = ruleOf(f, entry, o);
  let message = f.message;
  if (o.placement === 'binary' || o.placement === 'view') {
    const where = own ? describeEvidence(own) : '';
    if (where && where !== 'document') message = `[${where}] ${message}`;
    if (o.placement === 'binary') message += quoteOf(own);
  }
  if (cross) message += ` (${crossLabel(cross)})`;
  if (waived && f.waiver) message = `Waived: ${message} (justification: ${f.waiver.justification}${f.waiver.expires ? `; expires ${f.waiver.expires}` : ''})`;
  const first = f.evidence[0];
  const data: DiagnosticData = cross
    ? { ruleId: f.ruleId, documentUri: cross.anchorUri, questionId: first?.questionId, section: first?.section, followUp: rule?.question, cross: true }
    : { ruleId: f.ruleId, documentUri: o.documentUri, questionId: first?.questionId, section: first?.section, followUp: rule?.question, waived: waived || undefined };
  const d: Diagnostic = {
    range: rangeOf(own, entry, o),
    severity: waived ? DiagnosticSeverity.Hint : toSeverity(f.severity),
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    message,
    data,
  };
  if (o.virtualDocuments && rule) d.codeDescription = { href: `${RULE_SCHEME}:/${f.ruleId}.md` };
  const rel = related(f, entry, o, own, cross ? (cross.partners[0] ?? '') : undefined);
  if (rel.length) d.relatedInformation = rel;
  return d;
}

/** A finding as placed in one document: a document finding, a waived one, or a cross finding. */
export interface PlacedFinding {
  finding: Finding;
  waived: boolean;
  cross?: CrossPlacement;
  diagnostic: Diagnostic;
}

/** Every finding of a document, placed; unreadable documents yield one error. */
export function placeFindings(entry: ReviewEntry, o: MapOptions): PlacedFinding[] {
  const r = entry.review;
  if (r.status === 'unreadable') {
    if (silentInBuffer(r, o)) return [];
    const finding: Finding = { ruleId: UNREADABLE_CODE, severity: 'error', message: r.error ?? 'unknown error', evidence: [{ path: entry.path }], frameworks: {} };
    return [
      {
        finding,
        waived: false,
        diagnostic: {
          range: TOP,
          severity: DiagnosticSeverity.Error,
          source: DIAGNOSTIC_SOURCE,
          code: UNREADABLE_CODE,
          message: `Cannot review this document: ${r.error ?? 'unknown error'}. An unreadable disclosure is not a clean one: ask the vendor for a readable copy.`,
          data: { ruleId: UNREADABLE_CODE, documentUri: o.documentUri } satisfies DiagnosticData,
        },
      },
    ];
  }
  const out: PlacedFinding[] = r.findings.map((f) => ({ finding: f, waived: false, diagnostic: toDiagnostic(f, entry, o, false) }));
  for (const c of o.cross ?? []) out.push({ finding: c.finding, waived: false, cross: c, diagnostic: toDiagnostic(c.finding, entry, o, false, c) });
  if (o.includeWaived) out.push(...r.waived.map((f) => ({ finding: f, waived: true, diagnostic: toDiagnostic(f, entry, o, true) })));
  return out;
}

/** Diagnostics for one reviewed document in one placement. */
export function diagnosticsFor(entry: ReviewEntry, o: MapOptions): Diagnostic[] {
  return placeFindings(entry, o).map((p) => p.diagnostic);
}

/** Findings whose diagnostic covers a line (hover and code actions on text documents and review views). */
export function findingsAt(entry: ReviewEntry, o: MapOptions, fromLine: number, toLine = fromLine): PlacedFinding[] {
  return placeFindings(entry, o).filter(({ diagnostic: { range } }) => {
    const isTop = range.start.line === 0 && range.end.line === 0 && range.start.character === 0 && range.end.character === 0;
    if (isTop && o.placement === 'binary') return false;
    return range.start.line <= toLine && fromLine <= range.end.line;
  });
}

/** A hover in Markdown for a placed finding. */
export function placedHover(p: PlacedFinding, entry: ReviewEntry, o: MapOptions, hover: (f: Finding, rule: RuleInfo | undefined, waived: boolean) => string): string {
  const text = hover(p.finding, ruleOf(p.finding, entry, o), p.waived);
  if (!p.cross) return text;
  const names = partnerNames(p.cross, true);
  return `${names ? `*Cross-document check with* ${names}` : '*Cross-document check*'}\n\n${text}`;
}

/** The findings of a review view, by line, for the client's decorations. */
export function viewFindings(entry: ReviewEntry, o: MapOptions, hover: (f: Finding, rule: RuleInfo | undefined, waived: boolean) => string): ViewFinding[] {
  const lines = o.view?.text.split('\n') ?? [];
  return placeFindings(entry, { ...o, placement: 'view', includeWaived: true }).map((p) => {
    let range = p.diagnostic.range;
    // Findings about the whole document sit on the view's first line.
    if (range.start.line === 0 && range.end.character === 0) range = lineRange(lines, 0);
    const severity = p.diagnostic.severity;
    const rule = ruleOf(p.finding, entry, o);
    const message = typeof p.diagnostic.message === 'string' ? p.diagnostic.message : p.diagnostic.message.value;
    return {
      line: range.start.line,
      startCharacter: range.start.character,
      endCharacter: range.end.line === range.start.line ? range.end.character : (lines[range.start.line]?.length ?? 0),
      severity: severity === DiagnosticSeverity.Error ? 'error' : severity === DiagnosticSeverity.Warning ? 'warning' : severity === DiagnosticSeverity.Hint ? 'hint' : 'info',
      ruleId: p.finding.ruleId,
      title: rule?.title,
      message,
      hover: p.finding.ruleId === UNREADABLE_CODE ? message : placedHover(p, entry, o, hover),
      crossWith: p.cross && p.cross.partners.length ? p.cross.partners.map((x) => path.basename(x)).join(', ') : undefined,
    } satisfies ViewFinding;
  });
}
