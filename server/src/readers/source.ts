// What readers produce: bytes turned into cells or lines that remember where they came from.
// Readers know nothing about MDS2 or DICOM.

import type { SheetFormat, TextFormat } from './formats.js';

export type { SheetFormat, TextFormat } from './formats.js';

export interface Sheet {
  name: string;
  hidden: boolean;
  /** rows[r][c]: the cell's displayed text, trimmed of nothing; null when empty. 0-based. */
  rows: (string | null)[][];
  /** Merged ranges, 0-based and inclusive. Only the top-left cell of a range carries text in `rows`. */
  merges?: CellRange[];
}

export interface CellRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetSource {
  kind: 'sheets';
  format: SheetFormat;
  sheets: Sheet[];
}

export interface TextLine {
  text: string;
  /** 1-based: line in the file for plain-text formats; line on the page for PDF; paragraph for docx/odt. */
  line: number;
  /** 1-based page, for PDF only. */
  page?: number;
  /** Heading level (1 = top) when the format marks headings (Markdown #, HTML h1-h6, rst underlines, PDF font size). */
  heading?: number;
  /** Table cells when the line is a table row. */
  cells?: string[];
  /**
   * Paragraph (block) number, 1-based, for text formats: consecutive lines with the same block
   * belong to one paragraph, so a sentence wrapped over several lines can be joined back.
   * Headings and table rows each have a block of their own.
   */
  block?: number;
  /** Last source line when one TextLine spans several (a grid-table row, a joined cell). */
  endLine?: number;
}

export interface TextSource {
  kind: 'text';
  format: TextFormat;
  lines: TextLine[];
  /** Number of pages, for PDF. */
  pages?: number;
  /**
   * For documents assembled from several files (a Sphinx tree): origins[line - 1] is the file and
   * line that line `line` of this source came from.
   */
  origins?: { file: string; line: number }[];
  /** XML read as data (readers/xml.ts DATA_NAMESPACES: a CycloneDX BOM): its root element's namespace. Its lines are then the file's own. */
  dataNamespace?: string;
}

export type Source = SheetSource | TextSource;

/** Excel-style A1 address from 0-based row and column. */
export function cellAddress(row: number, col: number): string {
  let letters = '';
  let c = col + 1;
  while (c > 0) {
    const rem = (c - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row + 1}`;
}
