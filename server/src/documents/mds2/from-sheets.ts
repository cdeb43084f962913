// Finds the MDS2 question table in a workbook by content: the column full of question IDs, the
// column full of Yes/No answers beside it, the note column. Vendors add logo rows, shift columns,
// rename sheets and move the notes, so no row, column or sheet name is assumed.
import type { Sheet, SheetSource } from '../../readers/source.js';
import { cellAddress } from '../../readers/source.js';
import { leadingToken } from './answers.js';
import type { QuestionRow } from './assemble.js';
import { HN2013_ID_RE } from './edition.js';
import { collectSheetNotes, noteRefsIn, type NoteTable } from './notes.js';
import { isQuestionId } from './questions.js';

export interface SheetTable {
  sheet: Sheet;
  idCol: number;
  answerCol: number;
  questionCol?: number;
  noteCol?: number;
  /** Row indexes (0-based) holding a question ID. */
  idRows: number[];
}

const cellText = (sheet: Sheet, r: number, c: number): string => sheet.rows[r]?.[c] ?? '';

const ANSWER_HEADER_RE = /\byes\b.*\bno\b|\bresponse\b|\banswer\b/i;
const NOTE_HEADER_RE = /^(?:see\s+notes?|notes?\s*#?|note\s+(?:no|nr)\.?|notes?\s+ref(?:erence)?)\s*:?$/i;
const QUESTION_HEADER_RE = /^questions?(?:\s+text)?$/i;

function isIdCell(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = text.trim();
  return isQuestionId(t) || HN2013_ID_RE.test(t);
}

/** The most plausible question table of one sheet, or null when it has too few IDs to be one. */
function findTable(sheet: Sheet): SheetTable | null {
  const perCol = new Map<number, number>();
  sheet.rows.forEach((row) => row.forEach((cell, c) => {
    if (isIdCell(cell)) perCol.set(c, (perCol.get(c) ?? 0) + 1);
  }));
  let idCol = -1;
  let best = 0;
  for (const [c, n] of perCol) if (n > best || (n === best && c < idCol)) [idCol, best] = [c, n];
  if (best < 3) return null;

  const idRows: number[] = [];
  sheet.rows.forEach((row, r) => {
    if (isIdCell(row[idCol])) idRows.push(r);
  });
  const lastIdRow = idRows[idRows.length - 1]!;

  // Header texts above the last ID row: NEMA puts "Question ID / Question / See note" on one row
  // and "Yes, No, N/A, or See Note / Note #" on another.
  const headers = { answer: new Set<number>(), note: new Set<number>(), question: new Set<number>() };
  const idRowSet = new Set(idRows);
  for (let r = 0; r < lastIdRow; r++) {
    if (idRowSet.has(r)) continue;
    sheet.rows[r]!.forEach((cell, c) => {
      if (!cell || c === idCol) return;
      const t = cell.replace(/\s+/g, ' ').trim();
      if (t.length > 60) return;
      if (ANSWER_HEADER_RE.test(t) && !/^question/i.test(t)) headers.answer.add(c);
      else if (NOTE_HEADER_RE.test(t)) headers.note.add(c);
      else if (QUESTION_HEADER_RE.test(t)) headers.question.add(c);
    });
  }

  // Per column, over the ID rows: how many cells start with an answer token, hold a note
  // reference, and how long their text is.
  const stats = new Map<number, { tokens: number; refs: number; length: number; filled: number; questions: number }>();
  for (const r of idRows) {
    sheet.rows[r]!.forEach((cell, c) => {
      if (c === idCol || !cell || cell.trim() === '') return;
      const s = stats.get(c) ?? { tokens: 0, refs: 0, length: 0, filled: 0, questions: 0 };
      const t = cell.trim();
      s.filled++;
      s.length += t.length;
      if (t.includes('?')) s.questions++;
      if (leadingToken(t) && !/^see\s+note\s*\d/i.test(t)) s.tokens++;
      if (/^_+$/.test(t) || noteRefsIn(t).length > 0 || /^#?\s*\d{1,3}$/.test(t)) s.refs++;
      stats.set(c, s);
    });
  }

  // Answer column: most answer tokens; a matching header is worth a fifth of the rows.
  const bonus = Math.max(2, Math.round(idRows.length / 5));
  let answerCol = -1;
  let answerScore = 0;
  for (const [c, s] of stats) {
    const score = s.tokens + (headers.answer.has(c) ? bonus : 0);
    if (score > answerScore || (score === answerScore && c < answerCol)) [answerCol, answerScore] = [c, score];
  }

  // Question column: the longest text, with question marks, a header helping.
  let questionCol: number | undefined;
  let questionScore = 0;
  for (const [c, s] of stats) {
    if (c === answerCol) continue;
    const score = s.length / Math.max(1, idRows.length) + (10 * s.questions) / idRows.length + (headers.question.has(c) ? 50 : 0);
    if (score > questionScore) [questionCol, questionScore] = [c, score];
  }
  if (answerCol < 0) {
    // Nothing looks like an answer (an unfilled form): take a header, else the column after the question.
    answerCol = [...headers.answer][0] ?? (questionCol ?? idCol) + 1;
  }

  // Note column: a note header, else the column with the most references or "__" placeholders.
  let noteCol: number | undefined;
  let noteScore = 0;
  for (const [c, s] of stats) {
    if (c === answerCol || c === questionCol) continue;
    const score = s.refs + (headers.note.has(c) ? bonus : 0) + (c === answerCol + 1 ? 0.5 : 0);
    if (s.refs > 0 || headers.note.has(c)) {
      if (score > noteScore) [noteCol, noteScore] = [c, score];
    }
  }
  if (noteCol === undefined) {
    const headed = [...headers.note].find((c) => c !== answerCol && c !== questionCol);
    if (headed !== undefined) noteCol = headed;
  }
  const table: SheetTable = { sheet, idCol, answerCol, idRows };
  if (questionCol !== undefined) table.questionCol = questionCol;
  if (noteCol !== undefined) table.noteCol = noteCol;
  return table;
}

/** Every sheet's question table, visible sheets first, larger tables first. */
export function findTables(source: SheetSource): SheetTable[] {
  const tables: SheetTable[] = [];
  for (const sheet of source.sheets) {
    const t = findTable(sheet);
    if (t) tables.push(t);
  }
  return tables.sort((a, b) => Number(a.sheet.hidden) - Number(b.sheet.hidden) || b.idRows.length - a.idRows.length);
}

/** The text of an answer cell; an empty cell inside a vertical merge takes the merge's text. */
function answerAt(sheet: Sheet, r: number, c: number): { text: string; row: number } {
  const own = cellText(sheet, r, c);
  if (own.trim() !== '' || !sheet.merges) return { text: own, row: r };
  for (const m of sheet.merges) {
    if (m.s.c <= c && c <= m.e.c && m.s.r <= r && r <= m.e.r && m.s.r < r) {
      return { text: cellText(sheet, m.s.r, m.s.c), row: m.s.r };
    }
  }
  return { text: own, row: r };
}

/** Section code from a header row such as "AUTOMATIC LOGOFF (ALOF)" or "1 AUTOMATIC LOGOFF (ALOF)". */
function sectionHeader(row: (string | null)[]): string | undefined {
  for (const cell of row) {
    const m = cell && /\(([A-Z][A-Za-z]{2,3})\)\s*$/.exec(cell.trim());
    if (m) return m[1]!.toUpperCase();
  }
  return undefined;
}

export function rowsFromTables(tables: SheetTable[]): QuestionRow[] {
  const rows: QuestionRow[] = [];
  for (const t of tables) {
    let section: string | undefined;
    const idRowSet = new Set(t.idRows);
    t.sheet.rows.forEach((row, r) => {
      if (!idRowSet.has(r)) {
        section = sectionHeader(row) ?? section;
        return;
      }
      const { text, row: answerRow } = answerAt(t.sheet, r, t.answerCol);
      const q: QuestionRow = {
        printedId: row[t.idCol]!.trim(),
        raw: text,
        location: { sheet: t.sheet.name, cell: cellAddress(answerRow, t.answerCol) },
      };
      if (t.questionCol !== undefined) q.question = cellText(t.sheet, r, t.questionCol);
      if (t.noteCol !== undefined) q.noteCell = cellText(t.sheet, r, t.noteCol);
      if (section) q.sectionHint = section;
      rows.push(q);
    });
  }
  return rows;
}

/** Notes anywhere in the workbook, outside the question rows. */
export function notesFromSheets(source: SheetSource, tables: SheetTable[]): NoteTable {
  const idRows = new Map<Sheet, Set<number>>();
  for (const t of tables) idRows.set(t.sheet, new Set(t.idRows));
  return collectSheetNotes(source.sheets, (sheet, r) => idRows.get(sheet)?.has(r) ?? false);
}

/** Every cell's text, for edition markers and the title. */
export function* sheetTexts(source: SheetSource, maxRows = Infinity): Generator<string> {
  for (const sheet of source.sheets) {
    for (let r = 0; r < Math.min(sheet.rows.length, maxRows); r++) {
      for (const cell of sheet.rows[r]!) if (cell) yield cell;
    }
  }
}

/**
 * HN 1-2013 header grid: a label cell with its value beside it, or below it when the grid puts a
 * row of labels over a row of values (`isLabel` tells a neighbouring label from a value).
 */
export function headerValue(source: SheetSource, label: RegExp, isLabel: (text: string) => boolean): string | undefined {
  for (const sheet of source.sheets) {
    for (let r = 0; r < Math.min(sheet.rows.length, 40); r++) {
      const row = sheet.rows[r]!;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell || !label.test(cell.trim())) continue;
        const inline = /:\s*(\S.*)$/.exec(cell);
        if (inline) return inline[1]!.trim();
        const right = row[c + 1]?.trim();
        if (right && !isLabel(right)) return right;
        const below = sheet.rows[r + 1]?.[c]?.trim();
        if (below && !isLabel(below)) return below;
      }
    }
  }
  return undefined;
}
