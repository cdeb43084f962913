// The questionnaire workbook's layout: the one contract between the presenter that writes it
// (presenters/questionnaire-xlsx.ts) and the parser that reads it back (parse.ts). Recognition
// rests on the About sheet's first cell and the Questions sheet's header row, never on a name.
// A row is keyed by file name, rule and place (placeOf): what the engine matches findings by.
import path from 'node:path';
import type { Evidence } from '../../core/findings.js';

/** A1 of the About sheet. */
export const MARKER = 'dicomsec vendor questionnaire';
/** B1 of the About sheet; a parser meeting another layout fails closed. */
export const LAYOUT_VERSION = '1';

export const QUESTIONS_SHEET = 'Questions';
export const ABOUT_SHEET = 'About';

/** Column headers of the Questions sheet, in order. */
export const COLUMNS = {
  product: 'Product',
  documents: 'Documents',
  place: 'Question or section',
  location: 'Location',
  vendorSaid: 'What the vendor said',
  needed: 'What is needed',
  question: 'Follow-up question',
  rule: 'Rule',
  severity: 'Severity',
  answer: 'Vendor answer',
  decision: 'Reviewer decision',
  justification: 'Reviewer justification',
  expires: 'Waiver expires (YYYY-MM-DD)',
} as const;

export type Column = keyof typeof COLUMNS;
export const COLUMN_ORDER = Object.keys(COLUMNS) as Column[];
/** Columns a questionnaire read back must have; the others are for people. */
export const REQUIRED_COLUMNS: readonly Column[] = ['documents', 'place', 'rule', 'answer', 'decision', 'justification'];

/** What a reviewer decides for a row. */
export const DECISIONS = ['accept', 'reject', 'follow-up'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The Rule column of a row asking for a readable copy of a document (nothing to decide). */
export const UNREADABLE_ROW = 'DICOMSEC-UNREADABLE';

/** Separates the file names in the Documents column. */
export const DOCUMENT_SEPARATOR = '; ';

/** Labels in column A of the About sheet, each starting a row of values. */
export const ABOUT_ROWS = { tool: 'Tool', version: 'Version', generated: 'Generated', pack: 'Rule pack', document: 'Document' } as const;

/** Rows above the header on the Questions sheet (an instruction line and a blank one). */
export const HEADER_ROW = 3;

/** The file name a questionnaire names a document by (never a local path). */
export const documentName = (file: string): string => path.basename(file);

/** The place a row is about: the question ID, else '§ section', else '' (the whole document). */
export function placeOf(e: Evidence | undefined): string {
  return e?.questionId ?? (e?.section ? `§ ${e.section}` : '');
}
