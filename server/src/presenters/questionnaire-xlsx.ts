// `--format questionnaire-xlsx`: the follow-up questions as a workbook the vendor fills in and the
// reviewer decides on, which `dicomsec lint` reads back (documents/questionnaire/). Sheet
// "Questions": one row per open finding and place (questionnaire-rows.ts), with empty columns for
// the vendor's answer and the reviewer's decision (a drop-down list), justification and expiry.
// Sheet "About": the tool, its version, the rule packs and every document by file name and
// SHA-256, so a questionnaire read back knows which revision each answer is about.
//
// Vendor text goes into string cells only (never a formula, whatever it starts with), without
// control characters, cut to a length a cell holds; local paths never appear.
import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import { TOOL_VERSION } from '../core/version.js';
import { ABOUT_ROWS, ABOUT_SHEET, COLUMN_ORDER, COLUMNS, DECISIONS, DOCUMENT_SEPARATOR, HEADER_ROW, LAYOUT_VERSION, MARKER, QUESTIONS_SHEET, UNREADABLE_ROW, type Column } from '../documents/questionnaire/layout.js';
import type { ReviewReport } from '../engine/report.js';
import { openZip, writeZip } from '../readers/zip.js';
import { cellAddress } from '../readers/source.js';
import type { PresentOptions } from './presenter.js';
import { documentName, productNamer, questionnaireContent, type QuestionRow } from './questionnaire-rows.js';

/** Longest text written to one cell (Excel holds 32,767 characters; a quote needs far fewer). */
const MAX_CELL = 2000;

/** Vendor text for a cell: controls and bidirectional overrides gone, one line, bounded. */
export function cellText(text: string): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .trim();
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/** A string cell: `t: 's'` is text to every spreadsheet, so "=HYPERLINK(…)" stays the words it is. */
const text = (value: string): XLSX.CellObject => ({ t: 's', v: cellText(value) });

/** A document that could not be reviewed: the vendor is asked for a readable copy (nothing to decide). */
function unreadableRow(u: { document: string; error: string }): QuestionRow {
  return {
    product: '',
    documents: [u.document],
    place: '',
    location: '',
    vendorSaid: '',
    needed: `The document could not be reviewed: ${u.error}`,
    question: 'Please provide a readable copy (a text-based PDF or the original workbook).',
    ruleId: UNREADABLE_ROW,
    title: 'Document could not be reviewed',
    severity: 'error',
    cross: false,
  };
}

function rowCells(row: QuestionRow): Record<Column, string> {
  return {
    product: row.product,
    documents: row.documents.join(DOCUMENT_SEPARATOR),
    place: row.place,
    location: row.location,
    vendorSaid: row.vendorSaid,
    needed: row.needed,
    question: row.question,
    rule: row.ruleId,
    severity: row.severity,
    answer: '',
    decision: '',
    justification: '',
    expires: '',
  };
}

function sheetOf(rows: (string | undefined)[][]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let width = 1;
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value === undefined || value === '') return;
      ws[cellAddress(r, c)] = text(value);
      width = Math.max(width, c + 1);
    });
  });
  ws['!ref'] = `A1:${cellAddress(Math.max(rows.length, 1) - 1, width - 1)}`;
  return ws;
}

const WIDTHS: Record<Column, number> = { product: 28, documents: 32, place: 18, location: 16, vendorSaid: 48, needed: 48, question: 60, rule: 16, severity: 9, answer: 60, decision: 16, justification: 48, expires: 14 };

function questionsSheet(rows: QuestionRow[]): XLSX.WorkSheet {
  const instructions = `Follow-up questions from a dicomsec ${TOOL_VERSION} review. Vendor: please answer each question in the column "${COLUMNS.answer}" and leave the other columns as they are. Reviewer: decide each row (${DECISIONS.join(', ')}) with a justification.`;
  const lines: (string | undefined)[][] = [[instructions], [], COLUMN_ORDER.map((c) => COLUMNS[c]), ...rows.map((r) => COLUMN_ORDER.map((c) => rowCells(r)[c]))];
  const ws = sheetOf(lines);
  ws['!ref'] = `A1:${cellAddress(lines.length - 1, COLUMN_ORDER.length - 1)}`;
  ws['!cols'] = COLUMN_ORDER.map((c) => ({ wch: WIDTHS[c] }));
  if (rows.length) ws['!autofilter'] = { ref: `A${HEADER_ROW}:${cellAddress(HEADER_ROW - 1 + rows.length, COLUMN_ORDER.length - 1)}` };
  return ws;
}

/** Pack id, title and a fingerprint of its rules: a questionnaire read back can tell the rules changed. */
function packRows(options: PresentOptions): string[][] {
  return options.catalog.packs.map((p) => [ABOUT_ROWS.pack, p.pack, p.title, createHash('sha256').update(JSON.stringify(p.rules)).digest('hex').slice(0, 16)]);
}

function aboutSheet(report: ReviewReport, options: PresentOptions): XLSX.WorkSheet {
  const productOf = productNamer(report, options.cwd);
  const documents = report.documents.map((d) => [ABOUT_ROWS.document, documentName(d.path), d.sha256 ?? '', d.kind, d.status === 'reviewed' ? productOf(d) : `not reviewed: ${d.error ?? ''}`]);
  const ws = sheetOf([
    [MARKER, LAYOUT_VERSION],
    [ABOUT_ROWS.tool, 'dicomsec'],
    [ABOUT_ROWS.version, TOOL_VERSION],
    [ABOUT_ROWS.generated, options.generatedAt ?? new Date().toISOString()],
    [],
    ['', 'pack', 'title', 'fingerprint'],
    ...packRows(options),
    [],
    ['', 'file name', 'SHA-256', 'kind', 'product'],
    ...documents,
  ]);
  ws['!cols'] = [{ wch: 12 }, { wch: 44 }, { wch: 66 }, { wch: 22 }, { wch: 48 }];
  return ws;
}

/**
 * SheetJS's community build writes no data validation, so the drop-down list of decisions is
 * added to the sheet XML afterwards, where the schema wants it (after mergeCells, before
 * hyperlinks and page margins).
 */
function withDecisionList(bytes: Uint8Array, rows: number): Uint8Array {
  if (rows === 0) return bytes;
  const zip = openZip(bytes);
  const decisionColumn = cellAddress(0, COLUMN_ORDER.indexOf('decision')).replace(/\d+$/, '');
  const range = `${decisionColumn}${HEADER_ROW + 1}:${decisionColumn}${HEADER_ROW + rows}`;
  const validation =
    `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Reviewer decision" error="Choose ${DECISIONS.join(', ')}." sqref="${range}">` +
    `<formula1>"${DECISIONS.join(',')}"</formula1></dataValidation></dataValidations>`;
  const parts = zip.entries.filter((e) => !e.name.endsWith('/')).map((e) => {
    const data = zip.read(e.name);
    if (e.name !== 'xl/worksheets/sheet1.xml') return { name: e.name, data };
    const xml = Buffer.from(data).toString('utf8');
    const at = xml.search(/<hyperlinks|<printOptions|<pageMargins|<pageSetup|<headerFooter|<\/worksheet>/);
    return { name: e.name, data: new Uint8Array(Buffer.from(`${xml.slice(0, at)}${validation}${xml.slice(at)}`, 'utf8')) };
  });
  return writeZip(parts, { store: true });
}

export function formatQuestionnaireXlsx(report: ReviewReport, options: PresentOptions): Uint8Array {
  const content = questionnaireContent(report, options.catalog, options.cwd);
  const rows = [...content.products.flatMap((p) => p.rows), ...content.cross, ...content.unreadable.map(unreadableRow)];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, questionsSheet(rows), QUESTIONS_SHEET);
  XLSX.utils.book_append_sheet(wb, aboutSheet(report, options), ABOUT_SHEET);
  const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: false }) as ArrayBuffer;
  return withDecisionList(new Uint8Array(bytes), rows.length);
}
