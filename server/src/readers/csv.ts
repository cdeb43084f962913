// CSV text → records, honouring quotes, under the cell and field budgets. Its own module so that
// readers of small CSV files (the known-exploited list) do not load the workbook reader.
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';

function fieldTooLong(): never {
  throw new UnreadableError(`a CSV field is longer than the ${limits.maxLineLength}-character limit`, 'limit');
}

/** Where a parse's records start (1-based lines), and whether the text ended inside a quoted field. */
export interface CsvTrack {
  starts: number[];
  unclosed: boolean;
}

/** Splits CSV text into records, honouring quotes (doubled quotes escape, newlines allowed inside). */
export function parseCsv(text: string, delimiter: string, maxRecords = Infinity, track?: CsvTrack): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let cells = 0;
  let line = 1;
  let start = 1;
  let i = 0;
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = '';
    if (++cells > limits.maxSheetCells) {
      throw new UnreadableError(`the CSV holds more than ${limits.maxSheetCells} cells, over the cell limit`, 'limit');
    }
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      field += ch;
      if (field.length > limits.maxLineLength) fieldTooLong();
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      // A quote opens a quoted field only at its start (spaces before it are dropped).
      field = '';
      quoted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endField();
      records.push(record);
      track?.starts.push(start);
      start = ++line;
      record = [];
      if (records.length >= maxRecords) return records;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    if (field.length > limits.maxLineLength) fieldTooLong();
    i++;
  }
  if (field !== '' || record.length > 0) {
    endField();
    records.push(record);
    track?.starts.push(start);
  }
  if (track) track.unclosed = quoted;
  return records;
}

