// How presenters name where a finding is: the logical place first, the physical one second.
import path from 'node:path';
import type { Evidence } from '../core/findings.js';

export function describeEvidence(e: Evidence): string {
  const logical = e.questionId ?? (e.section ? `§ ${e.section}` : undefined);
  const physical = e.cell
    ? `${e.sheet ? `${e.sheet}!` : ''}${e.cell}`
    : e.page !== undefined
      ? `p.${e.page}${e.line !== undefined ? ` l.${e.line}` : ''}`
      : e.line !== undefined
        ? `line ${e.line}`
        : undefined;
  return [logical, physical].filter(Boolean).join(' ') || 'document';
}

/** Pages of a PDF assumed this long when the page lengths are not known (a report from elsewhere). */
const ASSUMED_PAGE_LINES = 1000;

/**
 * A 1-based line for formats that know only lines (SARIF regions): the evidence line, the row of
 * the cell, or 1. A PDF line is on its page, so it becomes a running line across pages (the lines
 * of the pages before it added), or line 4 of page 2 and of page 9 would be one place.
 */
export function startLine(e: Evidence | undefined, pageLines?: readonly number[]): number {
  if (!e) return 1;
  if (e.page !== undefined && e.page > 1 && e.line !== undefined && e.line > 0) {
    let before = 0;
    for (let p = 1; p < e.page; p++) before += pageLines ? Math.max(pageLines[p - 1] ?? 0, 0) : ASSUMED_PAGE_LINES;
    return before + e.line;
  }
  if (e.line !== undefined && e.line > 0) return e.line;
  const row = e.cell ? /\d+$/.exec(e.cell)?.[0] : undefined;
  return row ? Number(row) : 1;
}

export function relativePath(file: string | undefined, cwd = process.cwd()): string {
  if (!file) return '';
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/**
 * A path as every format shows it: relative to the working directory (`cwd`), '/'-separated; a
 * file outside it, or every file with `absolutePaths` (--absolute-paths), absolute.
 */
export function shownPath(file: string | undefined, options: { cwd?: string; absolutePaths?: boolean } = {}): string {
  if (!file) return '';
  return options.absolutePaths ? file.split(path.sep).join('/') : relativePath(file, options.cwd);
}
