// MDS2 forms as text lines: vendor transcriptions ("AUTH-1,Question?: Yes,LDAP"), Markdown copies,
// and PDF exports of the workbook, where the question wraps over several lines and the answer sits
// beside it (on the ID line or on a continuation line). Table cells are used when the reader gives them.
import type { TextLine, TextSource } from '../../readers/source.js';
import { isPlaceholder, leadingToken } from './answers.js';
import type { QuestionRow } from './assemble.js';
import { HN2013_ID_RE } from './edition.js';
import { collectTextNotes, noteRefsIn, type NoteLine, type NoteTable } from './notes.js';
import { canonicalId, isQuestionId, questionInfo } from './questions.js';
import type { Mds2Location } from './model.js';

// An ID at the start of a line, after list, quote or table decoration: "- AUTH-1", "| AUTH-1 |", "**AUTH-1**".
const LEAD_RE = /^[\s>*_|+-]*(?:\*\*)?([A-Z]{3,4}\s?-\s?\d+(?:\.\d+)*|\d{1,2}-\d{1,2}(?:\.\d{1,2})*)(?:\*\*)?(?=$|[\s,:;|\t*])[\s*]*[,:;|\t]?\s*/;
const NOTE_CELL_RE = /^(?:_+|see\s+notes?\s*#?\s*\d{1,3}|notes?\s*#?\s*\d{1,3}|#?\s*\d{1,3})$/i;

const locationOf = (line: TextLine): Mds2Location => (line.page !== undefined ? { page: line.page, line: line.line } : { line: line.line });

/** Reads a double-quoted field at the start of `s` ("" escapes a quote). */
function quoted(s: string): { value: string; rest: string } | null {
  const open = s[0];
  if (open !== '"' && open !== '“') return null;
  const close = open === '"' ? '"' : '”';
  let value = '';
  for (let i = 1; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === close) {
      if (close === '"' && s[i + 1] === '"') {
        value += '"';
        i++;
        continue;
      }
      return { value, rest: s.slice(i + 1) };
    }
    value += ch;
  }
  return null;
}

const startsWithAnswer = (s: string) => {
  const t = s.slice(0, 40).trim();
  return t !== '' && (leadingToken(t) !== null || /^_{2,}/.test(t));
};

/** Drops CSV-ish wrapping from an answer: a trailing ", " and surrounding quotes. */
function cleanAnswer(s: string): string {
  let t = s.trim().replace(/[,;]\s*$/, '').trim();
  const q = quoted(t);
  if (q && q.rest.trim() === '') t = q.value.trim();
  return t;
}

/**
 * Splits the text after the ID into question and answer. Tried in order: a quoted question; the
 * first colon followed by an answer token; a question mark followed by an answer or a `____`
 * placeholder; a trailing answer token (PDF rows); for free-text questions, the first colon.
 */
export function splitQuestionAnswer(rest: string, freeText: boolean): { question: string; answer: string; found: boolean } {
  const s = rest.replace(/\s+/g, ' ').trim();
  const q = quoted(s);
  if (q) {
    const after = q.rest.replace(/^\s*[:?]?\s*/, '');
    return { question: q.value, answer: cleanAnswer(after), found: after.trim() !== '' };
  }
  if (!freeText) {
    for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) {
      if (startsWithAnswer(s.slice(i + 1, i + 41))) return { question: s.slice(0, i), answer: cleanAnswer(s.slice(i + 1)), found: true };
    }
    for (let i = s.indexOf('?'); i >= 0; i = s.indexOf('?', i + 1)) {
      const after = s.slice(i + 1).replace(/^ ?["”]? ?:?/, '');
      if (startsWithAnswer(after)) return { question: s.slice(0, i + 1), answer: cleanAnswer(after), found: true };
    }
    const tail = /^(.*?)[\s|]+(yes|no|n\/a|see\s+notes?)\s*[,.;]?\s*((?:see\s+)?note\s*#?\s*\d{1,3}|_+)?\s*$/i.exec(s);
    if (tail && tail[1]!.trim() !== '') {
      return { question: tail[1]!, answer: tail[2]! + (tail[3] && !/^_+$/.test(tail[3]) ? ` ${tail[3]}` : ''), found: true };
    }
    return { question: s, answer: '', found: false };
  }
  // PDF rows print the DOC field label and the value side by side, with no separator.
  const label = DOC_LABELS.find((l) => s.toLowerCase().startsWith(l) && !/^\s*:/.test(s.slice(l.length)));
  if (label) {
    const value = cleanAnswer(s.slice(label.length).replace(/\s+_+\s*$/, ''));
    return { question: s.slice(0, label.length), answer: value, found: value !== '' };
  }
  const colon = s.indexOf(':');
  if (colon >= 0) return { question: s.slice(0, colon), answer: cleanAnswer(s.slice(colon + 1)), found: s.slice(colon + 1).trim() !== '' };
  return { question: s, answer: '', found: false };
}

/** The HN 1-2019 DOC-1 … DOC-7 field labels, lower case, longest first. */
const DOC_LABELS = [
  'intended use of device in network-connected environment',
  'manufacturer contact information',
  'document release date',
  'device description',
  'manufacturer name',
  'device model',
  'document id',
];

/** A question row read from table cells: ID in the first cell, the answer in the cell that looks like one. */
function fromCells(cells: string[], freeText: boolean): { question: string; answer: string; note?: string } | null {
  const rest = cells.slice(1).map((c) => c.replace(/\s+/g, ' ').trim()).filter((c) => c !== '');
  if (rest.length === 0) return null;
  const noteish = (c: string) => NOTE_CELL_RE.test(c) || noteRefsIn(c).length > 0;
  const strip = (c: string) => c.replace(/\s+_+$/, '').trim();
  if (freeText) {
    // The label and the value may share a cell when the columns sit close together.
    const label = DOC_LABELS.find((l) => rest[0]!.toLowerCase().startsWith(l) && rest[0]!.length > l.length + 1);
    if (label) {
      const out: { question: string; answer: string; note?: string } = { question: rest[0]!.slice(0, label.length), answer: strip(rest[0]!.slice(label.length)) };
      if (rest[1] && noteish(rest[1])) out.note = rest[1];
      return out;
    }
    const value = rest[1] !== undefined && !noteish(rest[1]) ? strip(rest[1]) : '';
    const out: { question: string; answer: string; note?: string } = { question: rest[0]!, answer: value };
    const note = rest.slice(value ? 2 : 1).find(noteish);
    if (note) out.note = note;
    return out;
  }
  let answerIdx = rest.findIndex((c, i) => i > 0 && leadingToken(c) !== null && !NOTE_CELL_RE.test(c));
  if (answerIdx < 0) answerIdx = rest.findIndex((c, i) => i > 0 && isPlaceholder(c) && !/^_{1,2}$/.test(c));
  // No answer cell: the question cell may still carry "?: Yes" (a transcription in a table).
  if (answerIdx < 0) return null;
  const others = rest.filter((_, i) => i !== answerIdx);
  const note = others.slice(1).find(noteish);
  const out: { question: string; answer: string; note?: string } = { question: others[0] ?? '', answer: strip(rest[answerIdx]!) };
  if (note) out.note = note;
  return out;
}

export interface TextRows {
  rows: QuestionRow[];
  notes: NoteTable;
  printedIds: string[];
}

const SECTION_LINE_RE = /^[\s#*]*(?:\d{1,2}\s+)?[A-Z][A-Z /&,-]{5,}\(([A-Z][A-Za-z]{2,3})\)/;
// An answer alone on a continuation line, beside a wrapped question in a PDF export.
const LONE_ANSWER_RE = /^(?:Yes|No|N\/A|See Notes?|Y|N)\b/;

export function readTextRows(source: TextSource): TextRows {
  const rows: QuestionRow[] = [];
  const printedIds: string[] = [];
  const noteLines: NoteLine[] = [];
  let pending: { row: QuestionRow; freeText: boolean; found: boolean; page?: number } | null = null;
  let section: string | undefined;

  for (const line of source.lines) {
    const hasCells = line.cells !== undefined && line.cells.length > 1;
    const m = LEAD_RE.exec(hasCells ? line.cells![0]!.trim() : line.text);
    const printed = m ? m[1]!.replace(/\s/g, '') : undefined;
    const isId = printed !== undefined && (isQuestionId(printed) || HN2013_ID_RE.test(printed));
    const text = line.text.replace(/\s+/g, ' ').trim();
    const sectionLine = SECTION_LINE_RE.exec(text);
    noteLines.push({ text: line.text, cells: line.cells, location: locationOf(line), boundary: isId || line.heading !== undefined || sectionLine !== null });

    if (!isId) {
      if (sectionLine) section = sectionLine[1]!.toUpperCase();
      const stop = text === '' || line.heading !== undefined || sectionLine !== null || /^notes?\b/i.test(text) || line.page !== pending?.page;
      if (stop || !pending) {
        pending = null;
        continue;
      }
      // Continuation of a wrapped question (PDF export): the answer may sit on this line.
      if (!pending.found) {
        const split = LONE_ANSWER_RE.test(text) && text.length <= 60
          ? { question: '', answer: cleanAnswer(text), found: true }
          : splitQuestionAnswer(text, pending.freeText);
        pending.row.question = `${pending.row.question ?? ''} ${split.question}`.trim();
        if (split.found) {
          pending.row.raw = split.answer;
          pending.row.location = locationOf(line);
          pending.found = true;
        }
      } else if (source.format === 'pdf') {
        // A wrapped cell: when the question is a complete DOC label, the wrap belongs to the value.
        const label = (pending.row.question ?? '').replace(/:\s*$/, '').trim().toLowerCase();
        if (pending.freeText && DOC_LABELS.includes(label)) pending.row.raw = `${pending.row.raw} ${text}`.trim();
        else pending.row.question = `${pending.row.question ?? ''} ${text}`.trim();
      }
      continue;
    }

    const freeText = questionInfo(canonicalId(printed!))?.freeText === true;
    const row: QuestionRow = { printedId: printed!, raw: '', location: locationOf(line) };
    if (section) row.sectionHint = section;
    let found = false;
    const fromTable = hasCells && line.cells!.length > 2 ? fromCells(line.cells!, freeText) : null;
    if (fromTable) {
      row.question = fromTable.question;
      row.raw = fromTable.answer;
      if (fromTable.note) row.noteCell = fromTable.note;
      found = true;
    } else {
      const rest = hasCells ? line.cells!.slice(1).join(' ') : line.text.slice(m![0].length);
      const split = splitQuestionAnswer(rest, freeText);
      row.question = split.question;
      row.raw = split.answer;
      found = split.found;
    }
    rows.push(row);
    printedIds.push(printed!);
    pending = { row, freeText, found };
    if (line.page !== undefined) pending.page = line.page;
  }
  return { rows, notes: collectTextNotes(noteLines), printedIds };
}
