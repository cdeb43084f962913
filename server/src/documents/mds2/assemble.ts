// Turns question rows found by either front end (sheets or text lines) into the Mds2Form model:
// answers normalised, notes resolved, the DOC block lifted into named fields.
import { normaliseAnswer } from './answers.js';
import type { Mds2Answer, Mds2Edition, Mds2Form, Mds2Location, Mds2Note } from './model.js';
import { readNoteCell, resolveRefs, type NoteRef, type NoteTable } from './notes.js';
import { canonicalId, questionInfo } from './questions.js';
import { HN2013_SECTIONS } from './edition.js';
import { normaliseDate } from './dates.js';
import { formPorts } from './ports.js';

/** One question row as a front end found it, before interpretation. */
export interface QuestionRow {
  printedId: string;
  /** Answer text as written ('' when blank). */
  raw: string;
  question?: string;
  /** Text of the note column, when the layout has one. */
  noteCell?: string;
  /** Section code from the nearest section header, when the front end saw one. */
  sectionHint?: string;
  location: Mds2Location;
}

function sectionOf(id: string, edition: Mds2Edition, hint?: string): string {
  const info = questionInfo(id);
  if (info && edition !== 'HN 1-2013') return info.section;
  const numbered = /^(\d{1,2})-/.exec(id);
  if (numbered) return hint ?? HN2013_SECTIONS[Number(numbered[1]) - 1] ?? 'UNKNOWN';
  if (/^[A-E](?:\.\d+)*$/.test(id)) return 'MPD';
  const dash = id.indexOf('-');
  return dash > 0 ? id.slice(0, dash) : (hint ?? 'UNKNOWN');
}

export function buildAnswer(row: QuestionRow, edition: Mds2Edition, notes: NoteTable): Mds2Answer {
  const id = edition === 'HN 1-2013' ? row.printedId.trim() : canonicalId(row.printedId);
  const freeText = edition !== 'HN 1-2013' && questionInfo(id)?.freeText === true;
  const norm = normaliseAnswer(row.raw, freeText);
  const noteCell = row.noteCell !== undefined ? readNoteCell(row.noteCell) : { refs: [] as NoteRef[] };
  const refs: NoteRef[] = [...norm.noteRefs];
  for (const ref of noteCell.refs) if (!refs.some((r) => r.id === ref.id)) refs.push(ref);

  const answer: Mds2Answer = {
    id,
    value: norm.value,
    raw: row.raw,
    section: sectionOf(id, edition, row.sectionHint),
    location: row.location,
  };
  const question = row.question?.replace(/\s+/g, ' ').trim();
  if (question) answer.question = question;
  if (norm.comment) answer.comment = norm.comment;
  if (row.printedId.trim() !== id) answer.printedId = row.printedId.trim();
  if (refs.length > 0) {
    answer.noteRef = refs.map((r) => r.written).filter((w, i, all) => all.indexOf(w) === i).join('; ');
    const resolved = resolveRefs(refs, notes);
    if (resolved.text) answer.note = resolved.text;
    if (resolved.missing.length > 0) answer.missingNotes = resolved.missing;
  }
  if (noteCell.inline) answer.note = answer.note ? `${answer.note}\n${noteCell.inline}` : noteCell.inline;
  return answer;
}

/** Builds the form. Rows repeating an ID already seen are dropped (the first one wins). */
export function assembleForm(rows: QuestionRow[], edition: Mds2Edition, notes: NoteTable, header?: HeaderFields): Mds2Form {
  // IDs come from the document: keep them off Object.prototype.
  const answers: Record<string, Mds2Answer> = Object.create(null);
  const order: string[] = [];
  for (const row of rows) {
    const answer = buildAnswer(row, edition, notes);
    if (answer.id in answers) continue;
    answers[answer.id] = answer;
    order.push(answer.id);
  }
  const noteRecord: Record<string, Mds2Note> = Object.create(null);
  for (const [id, note] of notes) noteRecord[id] = note;

  const form: Mds2Form = { kind: 'mds2', edition, answers, order, notes: noteRecord };
  const fields = edition === 'HN 1-2013' ? (header ?? {}) : docFields(answers);
  Object.assign(form, fields);
  form.ports = formPorts(form);
  return form;
}

/** The DOC block's values, as the form model holds them. */
export type HeaderFields = Pick<Mds2Form, 'manufacturer' | 'deviceDescription' | 'model' | 'documentId' | 'releaseDate' | 'softwareRevision'>;

/** HN 1-2019 DOC block: DOC-1 manufacturer, DOC-2 description, DOC-3 model, DOC-4 document ID, DOC-7 release date. */
function docFields(answers: Record<string, Mds2Answer>): HeaderFields {
  const text = (id: string) => {
    const a = answers[id];
    if (!a || a.value === 'unanswered') return undefined;
    const t = a.raw.replace(/\s+/g, ' ').trim().replace(/^"(.*)"$/, '$1').trim();
    return t || undefined;
  };
  const out: HeaderFields = {};
  const set = (key: keyof HeaderFields, value: string | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('manufacturer', text('DOC-1'));
  set('deviceDescription', text('DOC-2'));
  set('model', text('DOC-3'));
  set('documentId', text('DOC-4'));
  const date = text('DOC-7');
  set('releaseDate', date === undefined ? undefined : normaliseDate(date));
  return out;
}
