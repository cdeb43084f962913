// The review view: a read-only text projection of a document VS Code cannot show as text.
// MDS2 forms become one line per question under section headers; statements become their
// extracted text with page markers. The view remembers which line shows which evidence, so the
// language server can put the same findings on real lines.
import type { Evidence } from '../core/findings.js';
import type { DocumentKind, DocumentModel } from '../documents/document.js';
import type { Mds2Answer, Mds2Form } from '../documents/mds2/model.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
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

/** Section codes of ANSI/NEMA HN 1-2019, for the view's headers. */
export const MDS2_SECTIONS: Record<string, string> = {
  DOC: 'Document / device description',
  MPII: 'Management of personally identifiable information',
  ALOF: 'Automatic logoff',
  AUDT: 'Audit controls',
  AUTH: 'Authorization',
  CSUP: 'Cyber security product upgrades',
  DIDT: 'Health data de-identification',
  DTBK: 'Data backup and disaster recovery',
  EMRG: 'Emergency access',
  IGAU: 'Health data integrity and authenticity',
  MLDP: 'Malware detection/protection',
  NAUT: 'Node authentication',
  CONN: 'Connectivity capabilities',
  PAUT: 'Person authentication',
  PLOK: 'Physical locks',
  RDMP: 'Roadmap for third party components in device life cycle',
  SBOM: 'Software bill of materials',
  SAHD: 'System and application hardening',
  SGUD: 'Security guidance',
  STCF: 'Health data storage confidentiality',
  TXCF: 'Transmission confidentiality',
  TXIG: 'Transmission integrity',
  RMOT: 'Remote service',
  OTHR: 'Other security considerations',
};

const MAX_QUESTION_TEXT = 120;

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

export function answerLine(a: Mds2Answer): string {
  const id = a.id.padEnd(12);
  const value = a.value.padEnd(10);
  let line = `${id}${value}${quoteRaw(a.raw)}`;
  if (a.note !== undefined || a.noteRef !== undefined) {
    const note = a.note ? a.note.replace(/\s+/g, ' ').trim() : 'unresolved';
    line += `  (${a.noteRef ? a.noteRef + ': ' : 'note: '}${note.length > 160 ? note.slice(0, 160) + '…' : note})`;
  }
  if (a.question) {
    const q = a.question.replace(/\s+/g, ' ').trim();
    line += `  — ${q.length > MAX_QUESTION_TEXT ? q.slice(0, MAX_QUESTION_TEXT) + '…' : q}`;
  }
  return line;
}

function locationSuffix(a: Mds2Answer): string {
  const l = a.location;
  if (l.sheet && l.cell) return `${l.sheet}!${l.cell}`;
  if (l.page) return `p. ${l.page}${l.line ? `, line ${l.line}` : ''}`;
  if (l.line) return `line ${l.line}`;
  return '';
}

function buildMds2(b: ViewBuilder, input: ReviewViewInput, form: Mds2Form): void {
  header(b, input, `MDS2 ${form.edition}`);
  const facts: [string, string | undefined][] = [
    ['Manufacturer', form.manufacturer],
    ['Device', form.deviceDescription],
    ['Model', form.model],
    ['Document ID', form.documentId],
    ['Release date', form.releaseDate],
  ];
  for (const [k, v] of facts) if (v) b.push(`# ${k}: ${v.replace(/\s+/g, ' ').trim()}`);
  b.push('#');
  b.push(`# ${'ID'.padEnd(10)}  ${'answer'.padEnd(8)}  "as written"  (note)  — question   [where]`);

  let current: ViewSymbol | undefined;
  const order = form.order.length ? form.order : Object.keys(form.answers);
  for (const id of order) {
    const a = form.answers[id];
    if (!a) continue;
    const section = a.section || id.replace(/-.*$/, '');
    if (!current || current.name !== section) {
      if (current) current.endLine = b.lines.length - 1;
      b.push();
      const title = MDS2_SECTIONS[section];
      const line = b.push(`== ${section}${title ? ` — ${title}` : ''} ==`);
      current = { name: section, detail: title, kind: 'section', line, endLine: line, children: [] };
      b.view.symbols.push(current);
      b.view.sections[section] = line;
    }
    const where = locationSuffix(a);
    const line = b.push(answerLine(a) + (where ? `   [${where}]` : ''));
    b.view.questions[a.id] = line;
    if (a.location.sheet && a.location.cell) b.view.cells[`${a.location.sheet}!${a.location.cell}`] = line;
    if (a.location.line) b.view.textLines[`${a.location.page ?? ''}:${a.location.line}`] = line;
    current.children.push({ name: a.id, detail: `${a.value} ${quoteRaw(a.raw)}`, kind: 'question', line, endLine: line, children: [] });
  }
  if (current) current.endLine = b.lines.length - 1;

  const notes = Object.values(form.notes);
  if (notes.length) {
    b.push();
    const line = b.push('== Notes ==');
    const sym: ViewSymbol = { name: 'Notes', kind: 'section', line, endLine: line, children: [] };
    for (const n of notes) {
      const l = b.push(`${n.id.padEnd(12)}${n.text.replace(/\s+/g, ' ').trim()}`);
      if (n.location.sheet && n.location.cell) b.view.cells[`${n.location.sheet}!${n.location.cell}`] = l;
      sym.children.push({ name: n.id, kind: 'question', line: l, endLine: l, children: [] });
    }
    sym.endLine = b.lines.length - 1;
    b.view.symbols.push(sym);
  }
}

function buildText(b: ViewBuilder, input: ReviewViewInput, source: TextSource, statement?: ConformanceStatement): void {
  header(b, input, statement ? 'DICOM Conformance Statement' : `${source.format} text`);
  if (statement) {
    const facts: [string, string | null][] = [
      ['Product', statement.product],
      ['Version', statement.version],
      ['Manufacturer', statement.manufacturer],
      ['Date', statement.date],
    ];
    for (const [k, v] of facts) if (v) b.push(`# ${k}: ${v}`);
  }
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
  if (statement) {
    for (const s of statement.sections) {
      const key = `${s.location.page ?? ''}:${s.location.line}`;
      const line = b.view.textLines[key];
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
  if (model?.kind === 'mds2') buildMds2(b, input, model);
  else if (input.source?.kind === 'text') {
    buildText(b, input, input.source, model?.kind === 'conformance-statement' ? model : undefined);
  } else if (input.source?.kind === 'sheets') buildSheets(b, input, input.source);
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
