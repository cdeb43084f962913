// A PDF "print" of the workbook (columns A-D, as NEMA's print area gives), read back through the
// real PDF reader: question text wraps over several lines, the answer sits in its own column.
import { describe, expect, it } from 'vitest';
import { CONTOSO, NORTHWIND, buildMds2Workbook, mds2SampleRows, type SampleVendor } from '../../scripts/samples/mds2.js';
import { writePdf, wrapText, type PdfPage, type PdfTextLine } from '../../scripts/samples/pdf-writer.js';
import { readPdf } from '../../server/src/readers/pdf.js';
import { parseMds2 } from '../../server/src/documents/mds2/parse.js';
import { notesOf, parseBook, valuesOf } from './helpers.js';

/** Lays the sample out like a printed workbook: ID | wrapped question | answer | note. */
function printToPdf(vendor: SampleVendor, questionWidth: number): Uint8Array {
  const pages: PdfPage[] = [];
  let lines: PdfTextLine[] = [];
  let y = 60;
  for (const row of mds2SampleRows(vendor)) {
    const question = wrapText(row[1] ?? '', questionWidth, 8);
    const answer = wrapText(row[2] ?? '', 100, 8);
    const height = Math.max(1, question.length, answer.length) * 10 + 4;
    if (y + height > 800) {
      pages.push({ lines });
      lines = [];
      y = 60;
    }
    if (row[0]) lines.push({ text: row[0], x: 40, y, size: 8 });
    question.forEach((text, i) => lines.push({ text, x: 110, y: y + i * 10, size: 8 }));
    answer.forEach((text, i) => lines.push({ text, x: 330, y: y + i * 10, size: 8 }));
    if (row[3]) lines.push({ text: row[3], x: 450, y, size: 8 });
    y += height;
  }
  pages.push({ lines });
  return writePdf(pages);
}

describe.each([
  ['strong vendor', CONTOSO],
  ['weak vendor', NORTHWIND],
])('PDF export of the %s', (_label, vendor) => {
  const workbook = () => parseBook(buildMds2Workbook(vendor))!;

  it.each([
    ['wide question column', 200],
    ['narrow question column (more wrapping)', 110],
  ])('%s reads to the same answers, notes and DOC fields as the workbook', async (_l, width) => {
    const f = parseMds2(await readPdf(printToPdf(vendor, width)))!;
    expect(f.edition).toBe('HN 1-2019');
    expect(valuesOf(f)).toEqual(valuesOf(workbook()));
    expect(notesOf(f)).toEqual(notesOf(workbook()));
    expect(f).toMatchObject({ manufacturer: vendor.manufacturer, model: vendor.model, documentId: vendor.documentId, releaseDate: vendor.releaseDate });
    const loc = f.answers['TXCF-2']!.location;
    expect(loc.page).toBeGreaterThan(1);
    expect(loc.line).toBeGreaterThan(0);
  });
});
