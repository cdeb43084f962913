// Workbooks (xlsx, xls, ods) and CSV exports turned into a SheetSource: the displayed text of every
// cell, merged ranges and hidden sheets. Uses @e965/xlsx (SheetJS 0.20.3, with the fixes for
// CVE-2023-30533 and CVE-2024-22363), never npm's `xlsx` 0.18.5.
import * as XLSX from '@e965/xlsx';
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { CellRange, Sheet, SheetSource } from './source.js';
import { openZip, writeZip } from './zip.js';
import { parseCsv } from './csv.js';

type BookFormat = 'xlsx' | 'xls' | 'ods';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** Encrypted OOXML is an OLE container with these streams; SheetJS cannot decrypt them without a password. */
function looksEncryptedOle(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, OLE_MAGIC)) return false;
  // Directory entry names are UTF-16LE; a cheap scan avoids parsing the container twice.
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).toString('utf16le');
  return head.includes('EncryptionInfo') || head.includes('EncryptedPackage');
}

function checkMagic(bytes: Uint8Array, format: BookFormat): void {
  const ok =
    format === 'xls'
      ? startsWith(bytes, OLE_MAGIC) || (bytes[0] === 0x09 && (bytes[1] ?? 0xff) <= 0x08) // BIFF2-4 without a container
      : startsWith(bytes, ZIP_MAGIC);
  if (!ok) throw new UnreadableError(`not a valid ${format} workbook: the file does not start like one`, 'corrupt');
}

/**
 * SheetJS inflates every part with no output cap. Inflating them first through the bounded zip
 * reader proves the archive honest (entry count, actual sizes equal to declared, total under the
 * decompression budget) before SheetJS sees it; a zip bomb stops here as 'limit'.
 */
function checkZipBudget(bytes: Uint8Array): Uint8Array {
  const zip = openZip(bytes);
  const parts: { name: string; data: Uint8Array }[] = [];
  const seen = new Set<string>();
  for (const entry of zip.entries) {
    if (entry.name.endsWith('/') && entry.size === 0) continue; // directory record
    if (seen.has(entry.name)) continue;
    seen.add(entry.name);
    parts.push({ name: entry.name, data: zip.read(entry.name) });
  }
  checkCellBudget(parts);
  return writeZip(parts, { store: true });
}

/**
 * SheetJS builds every cell before the reader can count them: 3.3 M cells took 5 s and 600 MB.
 * Counting the closing tags of non-empty cells in the sheet XML first is a cheap, native scan.
 */
function checkCellBudget(parts: { name: string; data: Uint8Array }[]): void {
  let cells = 0;
  for (const { name, data } of parts) {
    const xlsxSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(name);
    if (!xlsxSheet && name !== 'content.xml') continue;
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (xlsxSheet) {
      cells += countOf(buf, '</c>');
      if (buf.includes(':c>')) cells += (buf.toString('latin1').match(/<\/[A-Za-z_][\w.-]*:c>/g) ?? []).length;
    } else cells += odsCells(buf.toString('latin1'));
    if (cells > limits.maxSheetCells) {
      throw new UnreadableError(`the workbook holds more than ${limits.maxSheetCells} cells, over the cell limit`, 'limit');
    }
  }
}

/**
 * Non-empty OpenDocument cells, with their repeat counts: one `<table:table-cell
 * table:number-columns-repeated="16384">` in a row repeated 1048576 times is 17 G cells to SheetJS.
 * Empty repeated cells (self-closing, how every ODS pads its rows) are not counted.
 */
const ROWS_REPEATED = /table:number-rows-repeated="(\d{1,10})"/;
const COLUMNS_REPEATED = /table:number-columns-repeated="(\d{1,10})"/;

function odsCells(xml: string): number {
  const tag = /<table:table-row\b([^>]*?)(\/?)>|<\/table:table-row>|<table:table-cell\b([^>]*?)(\/?)>/g;
  const repeat = (attrs: string, re: RegExp) => Math.max(1, Number(re.exec(attrs)?.[1] ?? 1));
  let rowRepeat = 1;
  let n = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[1] !== undefined) rowRepeat = m[2] ? 1 : repeat(m[1], ROWS_REPEATED);
    else if (m[3] === undefined) rowRepeat = 1;
    else if (!m[4]) {
      n += rowRepeat * repeat(m[3], COLUMNS_REPEATED);
      if (n > limits.maxSheetCells) return n;
    }
  }
  return n;
}

function countOf(buf: Buffer, needle: string): number {
  let n = 0;
  for (let at = buf.indexOf(needle, 0, 'latin1'); at >= 0; at = buf.indexOf(needle, at + needle.length, 'latin1')) n++;
  return n;
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function openWorkbook(bytes: Uint8Array, format: BookFormat): XLSX.WorkBook {
  if (bytes.length === 0) throw new UnreadableError('the workbook is empty (0 bytes)', 'empty');
  if (bytes.length > limits.maxFileBytes) {
    throw new UnreadableError(`the workbook is ${bytes.length} bytes, over the ${limits.maxFileBytes}-byte size limit`, 'limit');
  }
  // Before the format check: a password-protected .xlsx is an OLE container, not a zip.
  if (looksEncryptedOle(bytes)) {
    throw new UnreadableError('the workbook is encrypted (password-protected); export an unprotected copy to review it', 'encrypted');
  }
  checkMagic(bytes, format);
  const book = format === 'xls' ? bytes : checkZipBudget(bytes);
  try {
    return XLSX.read(book, {
      type: 'array',
      dense: true, // rows as arrays: the cell count is the real data, not the claimed dimension
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
      WTF: false,
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // SheetJS says "password-protected" for encrypted OLE workbooks; "ZIP encryption" comes from
    // garbage flag bits far more often than from a real encrypted archive, so that stays "corrupt".
    if (/password/i.test(msg)) {
      throw new UnreadableError('the workbook is encrypted (password-protected); export an unprotected copy to review it', 'encrypted');
    }
    throw new UnreadableError(`the ${format} workbook is corrupt or unsupported (${oneLine(msg)})`, 'corrupt');
  }
}

/** The text a user sees in the cell: SheetJS's formatted text, else the value formatted by its number format. */
function displayed(cell: XLSX.CellObject | undefined): string | null {
  if (!cell) return null;
  let text: string;
  if (typeof cell.w === 'string') text = cell.w;
  else if (cell.v === undefined || cell.v === null) return null;
  else if (cell.t === 'n' && typeof cell.v === 'number') {
    try {
      text = XLSX.SSF.format(typeof cell.z === 'string' ? cell.z : 'General', cell.v);
    } catch {
      text = String(cell.v);
    }
  } else if (cell.t === 'b') text = cell.v ? 'TRUE' : 'FALSE';
  else if (cell.v instanceof Date) text = cell.v.toISOString().slice(0, 10);
  else text = String(cell.v);
  return text === '' ? null : text;
}

type DenseRows = (XLSX.CellObject | undefined)[][] | undefined;

/**
 * The grid of displayed text. The claimed dimension (`!ref`, from <dimension ref>) may say
 * A1:XFD1048576 in a 16 KB file, and legitimate workbooks often claim far more than they use
 * (NEMA's example claims A1:AMH349), so the claim is only a hint: the grid is sized from the cells
 * actually stored, and that size is checked against the budget before any row is built.
 */
function sheetToRows(name: string, ws: XLSX.WorkSheet): { rows: (string | null)[][]; cells: number } {
  const data = (ws as { '!data'?: DenseRows })['!data'] ?? [];
  let stored = 0;
  let lastRow = -1;
  let lastCol = -1;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      if (displayed(row[c]) === null) continue;
      stored++;
      if (r > lastRow) lastRow = r;
      if (c > lastCol) lastCol = c;
    }
  }
  const extent = (lastRow + 1) * (lastCol + 1);
  if (stored > limits.maxSheetCells || extent > limits.maxSheetCells) {
    const used = lastRow < 0 ? 'A1' : `A1:${XLSX.utils.encode_cell({ r: lastRow, c: lastCol })}`;
    throw new UnreadableError(`sheet "${oneLine(name)}" spans ${used} (${extent} cells), over the ${limits.maxSheetCells}-cell limit`, 'limit');
  }
  const rows: (string | null)[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    const src = data[r];
    const out: (string | null)[] = [];
    if (src) {
      let end = -1;
      for (let c = 0; c < src.length; c++) {
        const t = displayed(src[c]);
        out.push(t);
        if (t !== null) end = c;
      }
      out.length = end + 1; // trailing empties trimmed: rows are ragged
    }
    rows.push(out);
  }
  return { rows, cells: stored };
}

function mergesOf(ws: XLSX.WorkSheet): CellRange[] | undefined {
  const merges = ws['!merges'];
  if (!Array.isArray(merges) || merges.length === 0) return undefined;
  if (merges.length > limits.maxSheetCells) throw new UnreadableError('too many merged ranges in one sheet', 'limit');
  return merges.map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } }));
}

export function readSpreadsheet(bytes: Uint8Array, format: 'xlsx' | 'xls' | 'ods'): SheetSource {
  const wb = openWorkbook(bytes, format);
  const names = wb.SheetNames ?? [];
  if (names.length === 0) throw new UnreadableError('the workbook has no sheets', 'empty');
  if (names.length > limits.maxSheets) {
    throw new UnreadableError(`the workbook has ${names.length} sheets, over the ${limits.maxSheets}-sheet limit`, 'limit');
  }
  const meta = wb.Workbook?.Sheets ?? [];
  const sheets: Sheet[] = [];
  let total = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const { rows, cells } = sheetToRows(name, ws);
    total += cells;
    if (total > limits.maxSheetCells) {
      throw new UnreadableError(`the workbook holds more than ${limits.maxSheetCells} cells, over the cell limit`, 'limit');
    }
    const sheet: Sheet = { name, hidden: Boolean(meta[i]?.Hidden), rows };
    const merges = mergesOf(ws);
    if (merges) sheet.merges = merges;
    sheets.push(sheet);
  }
  if (sheets.length === 0) throw new UnreadableError('the workbook has no readable sheets', 'empty');
  if (sheets.every((s) => s.rows.length === 0)) throw new UnreadableError('the workbook is empty: no sheet holds any text', 'empty');
  return { kind: 'sheets', format, sheets };
}

// ---------------------------------------------------------------------------------------------
// CSV

const DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that splits the first records most consistently into more than one field. */
function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    let records: string[][];
    try {
      records = parseCsv(sample, d, 60);
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const r of records) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    // Score: rows that share the most common field count, weighted a little by that count.
    let score = 0;
    for (const [width, rows] of counts) score = Math.max(score, rows * 10 + Math.min(width, 10));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function readCsv(text: string): SheetSource {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new UnreadableError('the CSV file is empty', 'empty');
  if (text.length > limits.maxFileBytes) {
    throw new UnreadableError(`the CSV text is over the ${limits.maxFileBytes}-character size limit`, 'limit');
  }
  // Excel's "sep=;" hint line names the delimiter explicitly.
  let delimiter: string;
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint) {
    delimiter = hint[1]!;
    text = text.slice(hint[0].length);
  } else delimiter = detectDelimiter(text);
  const records = parseCsv(text, delimiter);
  const rows = records.map((record) => {
    const out: (string | null)[] = record.map((f) => (f === '' ? null : f));
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  });
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  if (rows.length === 0) throw new UnreadableError('the CSV file is empty', 'empty');
  return { kind: 'sheets', format: 'csv', sheets: [{ name: 'csv', hidden: false, rows }] };
}
