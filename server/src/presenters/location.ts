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

/** A 1-based line for formats that need one (SARIF regions, JUnit): the evidence line or 1. */
export function startLine(e: Evidence | undefined): number {
  if (!e) return 1;
  if (e.line !== undefined && e.line > 0) return e.line;
  const row = e.cell ? /\d+$/.exec(e.cell)?.[0] : undefined;
  return row ? Number(row) : 1;
}

export function relativePath(file: string | undefined, cwd = process.cwd()): string {
  if (!file) return '';
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}
