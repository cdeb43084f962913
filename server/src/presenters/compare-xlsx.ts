// `compare --format xlsx`: the comparison as a workbook, one sheet per view. SheetJS Community
// Edition writes no cell styles, so a "Differs" column (with an autofilter) marks the rows where
// products differ. Every value is written as a text or number cell, never a formula: a vendor's
// "=HYPERLINK(…)" stays the text it is.
import * as XLSX from '@e965/xlsx';
import type { Comparison } from '../engine/compare.js';
import { scoreText } from '../engine/milestone-scores.js';
import { answerText, cellPlace, factCellText, STATUS_WORDS, withRelativePaths } from './compare-text.js';
import type { CompareOptions } from './compare-formats.js';

type Row = (string | number)[];
/** Excel's limit for one cell's text. */
const MAX_CELL = 32_767;

/** A sheet of text and number cells only (strings typed 's', so nothing is read as a formula), filterable on its header row. */
function sheet(rows: Row[]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let width = 0;
  rows.forEach((row, r) => {
    width = Math.max(width, row.length);
    row.forEach((v, col) => {
      if (v === '') return; // an empty cell, not an empty string
      ws[XLSX.utils.encode_cell({ r, c: col })] = typeof v === 'number' ? { t: 'n', v } : { t: 's', v: v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').slice(0, MAX_CELL) };
    });
  });
  const range = { s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: Math.max(0, width - 1) } };
  ws['!ref'] = XLSX.utils.encode_range(range);
  if (rows.length > 1) ws['!autofilter'] = { ref: ws['!ref'] };
  ws['!cols'] = Array.from({ length: width }, (_v, i) => ({ wch: i < 3 ? 18 : 40 }));
  return ws;
}

const differs = (d: boolean) => (d ? 'differs' : '');

export function formatCompareXlsx(comparison: Comparison, { cwd = process.cwd() }: CompareOptions): Uint8Array {
  const c = withRelativePaths(comparison, cwd);
  const names = c.products.map((p) => p.name);
  const perProduct = (suffixes: string[]) => names.flatMap((n) => suffixes.map((s) => (s ? `${n} — ${s}` : n)));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    sheet([
      ['Product', 'Manufacturer', 'Product name', 'Version', 'Documents'],
      ...c.products.map((p) => [p.name, p.manufacturer ?? '', p.product ?? '', p.version ?? '', p.documents.map((d) => `${d.path} (${d.kind})`).join('\n')]),
      ...c.unreadable.map((u) => ['unreadable', '', '', '', `${u.path}: ${u.error}`]),
    ]),
    'Products',
  );
  XLSX.utils.book_append_sheet(
    wb,
    sheet([
      ['Milestone', 'Title', ...perProduct(['score', 'passed', 'applicable'])],
      ...c.milestones.map((m) => [m.id, m.title, ...m.scores.flatMap((s) => [scoreText(s), s.passed, s.applicable])]),
    ]),
    'Scores',
  );
  XLSX.utils.book_append_sheet(
    wb,
    sheet([
      ['Section', 'ID', 'Question', 'Differs', ...perProduct(['answer', 'cell', 'note'])],
      ...c.questions.flatMap((s) => s.rows.map((r) => [s.section, r.id, r.question ?? '', differs(r.differs), ...r.cells.flatMap((cell) => [answerText(cell), cellPlace(cell?.evidence), cell?.note ?? ''])])),
    ]),
    'MDS2 answers',
  );
  XLSX.utils.book_append_sheet(
    wb,
    sheet([
      ['Group', 'Fact', 'Differs', ...perProduct(['value', 'where', 'quote'])],
      ...c.facts.flatMap((g) => g.rows.map((r) => [g.title, r.key, differs(r.differs), ...r.cells.flatMap((cell) => [factCellText(cell), cellPlace(cell?.evidence), cell?.evidence?.quote ?? ''])])),
    ]),
    'Statement facts',
  );
  XLSX.utils.book_append_sheet(
    wb,
    sheet([
      ['Milestone', 'Rule', 'Title', 'Severity', 'Reads', 'Differs', ...perProduct([''])],
      ...c.milestones.flatMap((m) => m.rules.map((r) => [m.id, r.id, r.title, r.severity, r.reads.join(', '), differs(r.differs), ...r.statuses.map((s) => STATUS_WORDS[s])])),
    ]),
    'Rules',
  );
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
