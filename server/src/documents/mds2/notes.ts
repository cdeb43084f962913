// Notes: references such as "See Note 3" / "Note #3" in answers and in the note column, and the
// note texts themselves, wherever the vendor put them (a block under the table, a separate sheet,
// text lines, or the note column itself).
import type { Sheet } from '../../readers/source.js';
import { cellAddress } from '../../readers/source.js';
import type { Mds2Location, Mds2Note } from './model.js';

export interface NoteRef {
  /** Canonical note id: 'Note 3'. */
  id: string;
  /** As written: 'See Note 3', 'Note #3', '#3'. */
  written: string;
}

export const noteId = (n: string | number) => `Note ${Number(n)}`;

// "see note 1", "Note #3", "Notes 2 and 5", "note no. 4", "(see notes 1, 2)".
const REF_RE = /(?:see\s+)?\bnotes?\s*(?:#|no\.|nr\.)?\s*(\d{1,3}(?:\s*(?:,|&|and|\/)\s*\d{1,3})*)(?![\d.])/gi;

/** Every note reference in a piece of text, in order, without duplicates. */
export function noteRefsIn(text: string): NoteRef[] {
  const refs: NoteRef[] = [];
  const seen = new Set<string>();
  // Collapsed whitespace keeps the adjacent \s* of REF_RE linear on hostile input.
  for (const m of text.replace(/\s+/g, ' ').matchAll(REF_RE)) {
    for (const n of m[1]!.split(/\s*(?:,|&|and|\/)\s*/)) {
      const id = noteId(n);
      if (seen.has(id)) continue;
      seen.add(id);
      refs.push({ id, written: m[0].trim() });
    }
  }
  return refs;
}

/**
 * What a note-column cell says: references ('See Note 1', 'Note #2', a bare '3' under a "Note #"
 * header), nothing ('__'), or the note itself written inline.
 */
export function readNoteCell(text: string): { refs: NoteRef[]; inline?: string } {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^[\s_\-–—.…]*$/.test(t)) return { refs: [] };
  const refs = noteRefsIn(t);
  if (refs.length > 0) return { refs };
  const bare = /^#?\s*(\d{1,3})$/.exec(t);
  if (bare) return { refs: [{ id: noteId(bare[1]!), written: t }] };
  if (/^see\s+notes?$/i.test(t)) return { refs: [] };
  return { refs: [], inline: t };
}

// A note's own label: "Note 1", "Note #1:", "NOTE 1 -", optionally followed by the text.
const LABEL_RE = /^\**\s*notes?\s*#?\s*(\d{1,3})\s*\**\s*[:.)\-–—]?\s*(.*)$/is;
// Inside a notes area, "1", "#1", "1." or "1) text" also label a note.
const NUMBER_RE = /^#?\s*(\d{1,3})\s*[.):\-–]?\s*(.*)$/s;
const NOTES_HEADING_RE = /^\**\s*(?:additional\s+|vendor\s+|manufacturer\s+)?notes?\s*\**\s*:?\s*$/i;

export type NoteTable = Map<string, Mds2Note>;

function addNote(notes: NoteTable, id: string, text: string, location: Mds2Location): void {
  const clean = text.replace(/[ \t]+/g, ' ').trim();
  if (!clean || notes.has(id)) return;
  notes.set(id, { id, text: clean, location });
}

/**
 * Note definitions from every sheet. `skip(sheet, row)` excludes rows of the question table, whose
 * note column may hold "Note 1" as a reference rather than a label.
 */
export function collectSheetNotes(sheets: Sheet[], skip: (sheet: Sheet, row: number) => boolean): NoteTable {
  const notes: NoteTable = new Map();
  for (const sheet of sheets) {
    // A sheet called "Notes" (or similar) is a notes area from its first row.
    let inNotesArea = /note/i.test(sheet.name);
    sheet.rows.forEach((row, r) => {
      if (skip(sheet, r)) return;
      const filled: { c: number; text: string }[] = [];
      row.forEach((cell, c) => {
        if (cell !== null && cell.trim() !== '') filled.push({ c, text: cell.replace(/\s+/g, ' ').trim() });
      });
      if (filled.length === 0) return;
      const first = filled[0]!;
      if (filled.length === 1 && NOTES_HEADING_RE.test(first.text)) {
        inNotesArea = true;
        return;
      }
      const label = LABEL_RE.exec(first.text) ?? (inNotesArea ? NUMBER_RE.exec(first.text) : null);
      if (!label) return;
      const rest = filled.slice(1);
      const text = [label[2] ?? '', ...rest.map((f) => f.text)].filter((t) => t.trim() !== '').join(' ');
      const at = rest[0]?.c ?? first.c;
      addNote(notes, noteId(label[1]!), text, { sheet: sheet.name, cell: cellAddress(r, at) });
    });
  }
  return notes;
}

export interface NoteLine {
  text: string;
  cells?: string[];
  location: Mds2Location;
  /** The line is a question row or a heading that is not a note label: it ends a note's continuation. */
  boundary: boolean;
}

/** Note definitions from text lines; a note's text continues over following lines until a blank or a boundary. */
export function collectTextNotes(lines: NoteLine[]): NoteTable {
  const notes: NoteTable = new Map();
  let inNotesArea = false;
  let open: { id: string; parts: string[]; location: Mds2Location } | null = null;
  const close = () => {
    if (open) addNote(notes, open.id, open.parts.join(' '), open.location);
    open = null;
  };
  for (const line of lines) {
    const cells = line.cells?.map((c) => c.trim()).filter((c) => c !== '');
    const text = (cells && cells.length > 1 ? cells.join(' ') : line.text).replace(/\s+/g, ' ').replace(/^ ?(?:[-*+>]|\|) ?/, '').trim();
    if (text === '') {
      close();
      continue;
    }
    if (NOTES_HEADING_RE.test(text)) {
      close();
      inNotesArea = true;
      continue;
    }
    const label = LABEL_RE.exec(text) ?? (inNotesArea ? NUMBER_RE.exec(text) : null);
    if (label) {
      close();
      open = { id: noteId(label[1]!), parts: [label[2] ?? ''], location: line.location };
      continue;
    }
    if (line.boundary) {
      close();
      inNotesArea = false;
      continue;
    }
    if (open) (open as { parts: string[] }).parts.push(text);
  }
  close();
  return notes;
}

/** The note texts a set of references points to, and the references that point nowhere. */
export function resolveRefs(refs: NoteRef[], notes: NoteTable): { text?: string; missing: string[] } {
  const texts: string[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const note = notes.get(ref.id);
    if (note) texts.push(refs.length > 1 ? `${ref.id}: ${note.text}` : note.text);
    else missing.push(ref.id);
  }
  return texts.length > 0 ? { text: texts.join('\n'), missing } : { missing };
}
