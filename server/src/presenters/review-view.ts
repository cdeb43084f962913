// The review view: a read-only text projection of a document VS Code cannot show as text.
// MDS2 forms become one line per question under section headers; statements become their
// extracted text with page markers. The view remembers which line shows which evidence, so the
// language server can put the same findings on real lines.
import type { Evidence } from '../core/findings.js';
import type { DocumentKind } from '../documents/document.js';
import { kindOf, type DocumentModel, type ItemLocation, type ViewGroup } from '../documents/kinds.js';
import type { Source, TextSource, SheetSource } from '../readers/source.js';
import { cellAddress } from '../readers/source.js';

/** What the view needs from a review; `DocumentReview` from the engine fits. */
export interface ReviewViewInput {
  path: string;
  kind: DocumentKind;
  status: 'reviewed' | 'unreadable';
  error?: string;
  model?: DocumentModel;
  source?: Source;
}

export interface ViewSymbol {
  name: string;
  detail?: string;
  kind: 'section' | 'question' | 'heading' | 'page';
  /** 0-based view lines, inclusive start and end. */
  line: number;
  endLine: number;
  children: ViewSymbol[];
}

export interface ReviewView {
  text: string;
  lineCount: number;
  /** 0-based view line by MDS2 question id. */
  questions: Record<string, number>;
  /** 0-based view line by `Sheet!A1` cell address (sheet sources). */
  cells: Record<string, number>;
  /** 0-based view line by `page:line` (PDF) or `:line` (other text formats); line is 1-based. */
  textLines: Record<string, number>;
  /** 0-based view line by section title (statements). */
  sections: Record<string, number>;
  symbols: ViewSymbol[];
}

class ViewBuilder {
  lines: string[] = [];
  view: Omit<ReviewView, 'text' | 'lineCount'> = { questions: {}, cells: {}, textLines: {}, sections: {}, symbols: [] };
  push(line = ''): number {
    this.lines.push(line.replace(/[\r\n]+/g, ' '));
    return this.lines.length - 1;
  }
  finish(): ReviewView {
    const text = this.lines.join('\n') + '\n';
    return { ...this.view, text, lineCount: this.lines.length };
  }
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

function quoteRaw(raw: string): string {
  return JSON.stringify(raw.length > 200 ? raw.slice(0, 200) + '…' : raw);
}

function header(b: ViewBuilder, input: ReviewViewInput, what: string): void {
  b.push(`# dicomsec review view — ${baseName(input.path)} (${what})`);
  b.push(`# Read-only projection of ${input.path}. Findings sit on the lines of their evidence.`);
}

function locationSuffix(l: ItemLocation): string {
  if (l.sheet && l.cell) return `${l.sheet}!${l.cell}`;
  if (l.page) return `p. ${l.page}${l.line ? `, line ${l.line}` : ''}`;
  if (l.line) return `line ${l.line}`;
  return '';
}

function headerFacts(b: ViewBuilder, facts: [string, string | null | undefined][]): void {
  for (const [k, v] of facts) if (v) b.push(`# ${k}: ${v.replace(/\s+/g, ' ').trim()}`);
}

/** One line per item (an MDS2 question), grouped under headers; the kind supplies the items. */
function buildItems(b: ViewBuilder, input: ReviewViewInput, model: DocumentModel, groups: ViewGroup[]): void {
  const kind = kindOf(model);
  header(b, input, kind.view.title(model));
  headerFacts(b, kind.view.facts(model));
  b.push('#');
  b.push(`# ${'ID'.padEnd(10)}  ${'answer'.padEnd(8)}  "as written"  (note)  — question   [where]`);
  for (const group of groups) {
    b.push();
    const headerLine = b.push(`== ${group.name}${group.detail ? ` — ${group.detail}` : ''} ==`);
    const sym: ViewSymbol = { name: group.name, detail: group.detail, kind: 'section', line: headerLine, endLine: headerLine, children: [] };
    b.view.symbols.push(sym);
    if (group.items.some((i) => i.question)) b.view.sections[group.name] = headerLine;
    for (const item of group.items) {
      const where = item.question ? locationSuffix(item.location) : '';
      const line = b.push(item.text + (where ? `   [${where}]` : ''));
      const l = item.location;
      if (item.question) b.view.questions[item.id] = line;
      if (l.sheet && l.cell) b.view.cells[`${l.sheet}!${l.cell}`] = line;
      // A question owns its source line; another item (an SBOM component) takes one no question has.
      const key = `${l.page ?? ''}:${l.line}`;
      if (l.line && (item.question || b.view.textLines[key] === undefined)) b.view.textLines[key] = line;
      sym.children.push({ name: item.id, detail: item.detail, kind: 'question', line, endLine: line, children: [] });
    }
    sym.endLine = b.lines.length - 1;
  }
}

/** The document's own text with page markers; headings become the outline. */
function buildText(b: ViewBuilder, input: ReviewViewInput, source: TextSource, model?: DocumentModel): void {
  const kind = model ? kindOf(model) : undefined;
  header(b, input, model && kind ? kind.view.title(model) : `${source.format} text`);
  if (model && kind) headerFacts(b, kind.view.facts(model));
  b.push('#');
  let page: number | undefined;
  const stack: { sym: ViewSymbol; level: number }[] = [];
  const closeTo = (level: number, endLine: number) => {
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop()!.sym.endLine = endLine;
  };
  for (const l of source.lines) {
    if (l.page !== undefined && l.page !== page) {
      page = l.page;
      b.push(`--- page ${page} ---`);
    }
    const line = b.push(l.cells && l.cells.length ? l.cells.join(' | ') : l.text);
    b.view.textLines[`${l.page ?? ''}:${l.line}`] = line;
    if (l.heading) {
      closeTo(l.heading, line - 1);
      const sym: ViewSymbol = { name: l.text.trim() || '(heading)', kind: 'heading', line, endLine: line, children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.sym.children.push(sym);
      else b.view.symbols.push(sym);
      stack.push({ sym, level: l.heading });
    }
  }
  closeTo(0, b.lines.length - 1);
  if (model && kind?.view.sections) {
    for (const s of kind.view.sections(model)) {
      const line = b.view.textLines[`${s.location.page ?? ''}:${s.location.line}`];
      if (line !== undefined) b.view.sections[s.title] = line;
    }
  }
}

function buildSheets(b: ViewBuilder, input: ReviewViewInput, source: SheetSource): void {
  header(b, input, `${source.format} workbook, not recognised as an MDS2 form`);
  for (const sheet of source.sheets) {
    b.push();
    const line = b.push(`== sheet ${sheet.name}${sheet.hidden ? ' (hidden)' : ''} ==`);
    const sym: ViewSymbol = { name: sheet.name, kind: 'section', line, endLine: line, children: [] };
    b.view.symbols.push(sym);
    sheet.rows.forEach((row, r) => {
      const cells = row.map((v, c) => (v === null || v === '' ? null : { c, v }));
      const filled = cells.filter((x): x is { c: number; v: string } => x !== null);
      if (!filled.length) return;
      const l = b.push(`${String(r + 1).padStart(5)}  ${filled.map((x) => `${cellAddress(r, x.c)}=${quoteRaw(x.v)}`).join('  ')}`);
      for (const x of filled) b.view.cells[`${sheet.name}!${cellAddress(r, x.c)}`] = l;
    });
    sym.endLine = b.lines.length - 1;
  }
}

export function buildReviewView(input: ReviewViewInput): ReviewView {
  const b = new ViewBuilder();
  if (input.status === 'unreadable') {
    header(b, input, 'unreadable');
    b.push(`# dicomsec could not review this file: ${input.error ?? 'unknown error'}`);
    b.push('# An unreadable disclosure is itself a finding: ask the vendor for a readable copy.');
    return b.finish();
  }
  const model = input.model;
  const groups = model ? kindOf(model).view.groups?.(model) : undefined;
  if (model && groups) buildItems(b, input, model, groups);
  else if (input.source?.kind === 'text') buildText(b, input, input.source, model);
  else if (input.source?.kind === 'sheets') buildSheets(b, input, input.source);
  else {
    header(b, input, input.kind);
    b.push('# No text to show for this document.');
  }
  return b.finish();
}

/** The 0-based view line that shows an evidence item, if any. */
export function viewLineFor(view: ReviewView, e: Evidence): number | undefined {
  if (e.questionId && view.questions[e.questionId] !== undefined) return view.questions[e.questionId];
  if (e.sheet && e.cell && view.cells[`${e.sheet}!${e.cell}`] !== undefined) return view.cells[`${e.sheet}!${e.cell}`];
  if (e.line !== undefined) {
    const l = view.textLines[`${e.page ?? ''}:${e.line}`];
    if (l !== undefined) return l;
  }
  if (e.section && view.sections[e.section] !== undefined) return view.sections[e.section];
  return undefined;
}
