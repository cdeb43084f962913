// Recognises a questionnaire workbook by content (the About sheet's marker and the Questions
// sheet's header row, whatever the sheets are called) and reads it. A workbook that carries the
// marker but not the table, another layout version, or a document hash that is no SHA-256 was
// changed by hand: it fails closed (unreadable, with the reason), never a questionnaire with
// fewer rows than it had.
import { UnreadableError } from '../../core/errors.js';
import { cellAddress, type Sheet, type SheetSource } from '../../readers/source.js';
import { ABOUT_ROWS, COLUMN_ORDER, COLUMNS, DOCUMENT_SEPARATOR, LAYOUT_VERSION, MARKER, REQUIRED_COLUMNS, type Column } from './layout.js';
import type { CellText, Questionnaire, QuestionnaireDocument, QuestionnairePack, QuestionnaireRow } from './model.js';

/** Rows searched for the Questions header (the writer puts it on row 3; a vendor may insert a few). */
const HEADER_SEARCH_ROWS = 20;
/** More rows than any review asks is not a questionnaire we wrote. */
export const MAX_QUESTIONNAIRE_ROWS = 20_000;

const cellOf = (sheet: Sheet, r: number, c: number): string => (sheet.rows[r]?.[c] ?? '').trim();
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

function aboutSheetOf(source: SheetSource): Sheet | undefined {
  return source.sheets.find((s) => cellOf(s, 0, 0) === MARKER);
}

/** The header row (0-based) and the column of each known header, or undefined when the required ones are not all there. */
function questionsHeader(sheet: Sheet): { row: number; columns: Partial<Record<Column, number>> } | undefined {
  const wanted = new Map(COLUMN_ORDER.map((c) => [normalise(COLUMNS[c]), c] as const));
  for (let r = 0; r < Math.min(sheet.rows.length, HEADER_SEARCH_ROWS); r++) {
    const columns: Partial<Record<Column, number>> = {};
    (sheet.rows[r] ?? []).forEach((value, c) => {
      const column = value ? wanted.get(normalise(value)) : undefined;
      if (column && columns[column] === undefined) columns[column] = c;
    });
    if (REQUIRED_COLUMNS.every((c) => columns[c] !== undefined)) return { row: r, columns };
  }
  return undefined;
}

function readAbout(sheet: Sheet): Pick<Questionnaire, 'tool' | 'toolVersion' | 'generated' | 'packs' | 'documents'> {
  const out = { tool: '', toolVersion: '', generated: '', packs: [] as QuestionnairePack[], documents: [] as QuestionnaireDocument[] };
  sheet.rows.forEach((_, r) => {
    const label = cellOf(sheet, r, 0);
    const value = (c: number) => cellOf(sheet, r, c);
    if (label === ABOUT_ROWS.tool) out.tool = value(1);
    else if (label === ABOUT_ROWS.version) out.toolVersion = value(1);
    else if (label === ABOUT_ROWS.generated) out.generated = value(1);
    else if (label === ABOUT_ROWS.pack) out.packs.push({ id: value(1), title: value(2), fingerprint: value(3) });
    else if (label === ABOUT_ROWS.document) {
      const sha256 = value(2).toLowerCase();
      const location = { sheet: sheet.name, cell: cellAddress(r, 2) };
      if (!value(1)) throw new UnreadableError(`a dicomsec questionnaire whose document list was changed: ${sheet.name}!${cellAddress(r, 1)} names no file`, 'corrupt');
      if (sha256 && !/^[0-9a-f]{64}$/.test(sha256)) throw new UnreadableError(`a dicomsec questionnaire whose document list was changed: ${sheet.name}!${location.cell} is not a SHA-256`, 'corrupt');
      out.documents.push({ name: value(1), sha256, kind: value(3), product: value(4), location });
    }
  });
  if (out.tool !== 'dicomsec') throw new UnreadableError(`a dicomsec questionnaire whose header block was changed: no "${ABOUT_ROWS.tool}: dicomsec" row on sheet ${sheet.name}`, 'corrupt');
  return out;
}

function readRows(sheet: Sheet, header: { row: number; columns: Partial<Record<Column, number>> }): QuestionnaireRow[] {
  const rows: QuestionnaireRow[] = [];
  const at = (r: number, column: Column): CellText | undefined => {
    const c = header.columns[column];
    if (c === undefined) return undefined;
    const text = cellOf(sheet, r, c);
    return text ? { sheet: sheet.name, cell: cellAddress(r, c), text } : undefined;
  };
  const textOf = (r: number, column: Column) => at(r, column)?.text ?? '';
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (!(sheet.rows[r] ?? []).some((v) => v && v.trim())) continue;
    if (rows.length >= MAX_QUESTIONNAIRE_ROWS) throw new UnreadableError(`the questionnaire has more than ${MAX_QUESTIONNAIRE_ROWS} rows, over the questionnaire limit`, 'limit');
    const documents = textOf(r, 'documents').split(DOCUMENT_SEPARATOR.trim()).map((s) => s.trim()).filter(Boolean);
    rows.push({
      row: r + 1,
      product: textOf(r, 'product'),
      documents,
      place: textOf(r, 'place'),
      ruleId: textOf(r, 'rule'),
      severity: textOf(r, 'severity'),
      question: textOf(r, 'question'),
      vendorSaid: textOf(r, 'vendorSaid'),
      answer: at(r, 'answer'),
      decision: at(r, 'decision'),
      justification: at(r, 'justification'),
      expires: at(r, 'expires'),
      location: { sheet: sheet.name, cell: cellAddress(r, header.columns.rule!) },
    });
  }
  return rows;
}

/** The questionnaire when the workbook is one, else null (not ours: another kind may read it). */
export function parseQuestionnaire(source: SheetSource): Questionnaire | null {
  const about = aboutSheetOf(source);
  if (!about) return null;
  const layout = cellOf(about, 0, 1);
  if (layout !== LAYOUT_VERSION) throw new UnreadableError(`a dicomsec questionnaire of layout "${layout}", which this version does not read (layout ${LAYOUT_VERSION})`, 'unsupported');
  const header = source.sheets.filter((s) => s !== about).map((s) => ({ sheet: s, header: questionsHeader(s) })).find((q) => q.header);
  if (!header) {
    const names = REQUIRED_COLUMNS.map((c) => `"${COLUMNS[c]}"`).join(', ');
    throw new UnreadableError(`a dicomsec questionnaire without its questions table: no sheet has the header row (${names})`, 'corrupt');
  }
  return {
    kind: 'questionnaire',
    layout,
    ...readAbout(about),
    rows: readRows(header.sheet, header.header!),
    aboutSheet: about.name,
    questionsSheet: header.sheet.name,
    headerRow: header.header!.row + 1,
  };
}
