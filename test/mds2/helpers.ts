// Shared builders for the MDS2 tests: workbooks in memory, read back through the real reader.
import * as XLSX from '@e965/xlsx';
import { readCsv, readSpreadsheet } from '../../server/src/readers/spreadsheet.js';
import { parseMds2 } from '../../server/src/documents/mds2/parse.js';
import type { Mds2Form } from '../../server/src/documents/mds2/model.js';
import type { TextLine, TextSource } from '../../server/src/readers/source.js';

export function workbookBytes(wb: XLSX.WorkBook, bookType: 'xlsx' | 'xls' | 'ods' = 'xlsx'): Uint8Array {
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
}

export function bookOf(sheets: Record<string, (string | number | null)[][]>): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return wb;
}

export function parseBook(wb: XLSX.WorkBook, bookType: 'xlsx' | 'xls' | 'ods' = 'xlsx'): Mds2Form | null {
  return parseMds2(readSpreadsheet(workbookBytes(wb, bookType), bookType));
}

export function parseCsvText(text: string): Mds2Form | null {
  return parseMds2(readCsv(text));
}

export function textSource(text: string, format: TextSource['format'] = 'text'): TextSource {
  const lines: TextLine[] = text.split(/\r?\n/).map((t, i) => ({ text: t, line: i + 1 }));
  return { kind: 'text', format, lines };
}

/** ID → normalised value, for comparing two readings of the same form. */
export function valuesOf(form: Mds2Form): Record<string, string> {
  return Object.fromEntries(form.order.map((id) => [id, form.answers[id]!.value]));
}

/** ID → resolved note text (only answers with one). */
export function notesOf(form: Mds2Form): Record<string, string> {
  return Object.fromEntries(form.order.filter((id) => form.answers[id]!.note).map((id) => [id, form.answers[id]!.note!]));
}

/** Runs fn and returns the error it throws (or fails the test). */
export function thrown(fn: () => unknown): Error & { reason?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error & { reason?: string };
  }
  throw new Error('expected an error, none was thrown');
}
