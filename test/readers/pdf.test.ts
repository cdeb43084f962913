import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../server/src/readers/pdf.js';
import { readSource } from '../../server/src/readers/read.js';
import { UnreadableError } from '../../server/src/core/errors.js';
import { limits } from '../../server/src/core/limits.js';
import { layoutDocument, writePdf, type Block } from '../../scripts/samples/pdf-writer.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';

const blocks: Block[] = [
  { kind: 'heading', level: 1, text: 'Northwind Imaging NW-PACS 4.2 DICOM Conformance Statement' },
  { kind: 'paragraph', text: 'This document describes how NW-PACS conforms to the DICOM standard. It is fictional.' },
  { kind: 'heading', level: 1, text: '1 Introduction' },
  { kind: 'heading', level: 2, text: '1.1 Audience' },
  { kind: 'paragraph', text: 'Readers are expected to know DICOM.' },
  {
    kind: 'table',
    header: ['SOP Class Name', 'SOP Class UID', 'SCU', 'SCP'],
    widths: [200, 160, 60, 63],
    rows: [
      ['Verification', '1.2.840.10008.1.1', 'Yes', 'Yes'],
      ['Modality Worklist Information Model - FIND (a long name that wraps onto two lines)', '1.2.840.10008.5.1.4.31', 'Yes', 'No'],
      ['CT Image Storage', '1.2.840.10008.5.1.4.1.1.2', 'Yes', 'Yes'],
    ],
  },
  { kind: 'paragraph', text: 'The table above lists the SOP classes.' },
  { kind: 'pagebreak' },
  { kind: 'heading', level: 2, text: '7.1 Security Profiles' },
  { kind: 'paragraph', text: 'NW-PACS supports no security profiles. Any calling AE title is accepted.' },
];

describe('PDF reader', () => {
  it('rebuilds lines, headings and table rows with page and line', async () => {
    const src = await readPdf(writePdf(layoutDocument(blocks, { footer: 'NW-PACS 4.2 - Page {page}' })));
    expect(src.format).toBe('pdf');
    expect(src.pages).toBe(2);
    const heads = src.lines.filter((l) => l.heading).map((l) => [l.heading, l.text, l.page]);
    expect(heads).toEqual([
      [1, 'Northwind Imaging NW-PACS 4.2 DICOM Conformance Statement', 1],
      [1, '1 Introduction', 1],
      [2, '1.1 Audience', 1],
      [2, '7.1 Security Profiles', 2],
    ]);
    const rows = src.lines.filter((l) => l.cells);
    expect(rows.map((r) => r.cells)).toEqual([
      ['SOP Class Name', 'SOP Class UID', 'SCU', 'SCP'],
      ['Verification', '1.2.840.10008.1.1', 'Yes', 'Yes'],
      ['Modality Worklist Information Model - FIND (a long name that wraps onto two lines)', '1.2.840.10008.5.1.4.31', 'Yes', 'No'],
      ['CT Image Storage', '1.2.840.10008.5.1.4.1.1.2', 'Yes', 'Yes'],
    ]);
    expect(rows[2]!.text).toBe('Modality Worklist Information Model - FIND (a long name that wraps onto two lines) | 1.2.840.10008.5.1.4.31 | Yes | No');
    expect(rows[2]!.endLine).toBe(rows[2]!.line + 1);
    const after = src.lines.find((l) => l.text.startsWith('The table above'))!;
    expect(after.cells).toBeUndefined();
    const sec = src.lines.find((l) => l.text.includes('Any calling AE title'))!;
    expect(sec).toMatchObject({ page: 2, line: 2 });
    expect(src.lines.find((l) => l.text.includes('Page 2'))).toMatchObject({ page: 2 });
  });

  it('glues fragments without spaces and keeps word spaces', async () => {
    const pdf = writePdf([{ lines: [
      { text: 'Veri', x: 56, y: 100, size: 10 }, { text: 'fi', x: 56 + 16.66, y: 100, size: 10 }, { text: 'cation and more', x: 56 + 16.66 + 5.56, y: 100, size: 10 },
      { text: 'Second', x: 56, y: 120 }, { text: 'line of text for the reader', x: 56 + 34 + 2.8, y: 120 },
      { text: 'Third line', x: 56, y: 140 },
    ] }]);
    const src = await readPdf(pdf);
    expect(src.lines.map((l) => l.text)).toEqual(['Verification and more', 'Second line of text for the reader', 'Third line']);
  });

  it('tells running footers from titles and table rows that repeat page after page', async () => {
    const many: Block[] = [];
    for (let s = 1; s <= 5; s++) {
      many.push({ kind: 'heading', level: 1, text: `${s} Section ${s}` });
      many.push({ kind: 'paragraph', text: 'The archive stores images and answers queries. '.repeat(8) });
      many.push({ kind: 'table', header: ['SOP Class', 'UID'], widths: [240, 243], rows: Array.from({ length: 30 }, (_, k) => [`Storage class ${k}`, `1.2.840.10008.5.1.4.1.1.${k}`]) });
      many.push({ kind: 'pagebreak' });
    }
    const src = await readPdf(writePdf(layoutDocument(many, { footer: 'Bench - Page {page}' })));
    expect(src.lines.filter((l) => l.heading).map((l) => l.text)).toEqual([1, 2, 3, 4, 5].map((s) => `${s} Section ${s}`));
    expect(src.lines.filter((l) => l.cells).length).toBe(5 * 31);
    expect(src.lines.filter((l) => l.text.startsWith('Bench - Page')).every((l) => !l.heading && !l.cells)).toBe(true);
  });

  it('refuses an encrypted PDF', async () => {
    const pdf = writePdf(layoutDocument(blocks), { encryptWithUnknownPassword: true });
    await expect(readPdf(pdf)).rejects.toMatchObject({ name: 'UnreadableError', reason: 'encrypted' });
  });

  it('refuses a scanned PDF without text', async () => {
    const pdf = writePdf([{ lines: [], rects: [[56, 56, 480, 700]] }, { lines: [], rects: [[56, 56, 480, 700]] }]);
    await expect(readPdf(pdf)).rejects.toMatchObject({ reason: 'no-text' });
    // Page numbers stamped on scans are not enough text either.
    const stamped = writePdf(Array.from({ length: 4 }, (_, k) => ({ lines: [{ text: `${k + 1}`, y: 800 }], rects: [[56, 56, 480, 700]] as [number, number, number, number][] })));
    await expect(readPdf(stamped)).rejects.toMatchObject({ reason: 'no-text' });
  });

  it('refuses corrupt and truncated PDFs', async () => {
    const good = writePdf(layoutDocument(blocks));
    await expect(readPdf(good.subarray(0, 400))).rejects.toMatchObject({ reason: 'corrupt' });
    await expect(readPdf(new TextEncoder().encode('%PDF-1.7\nthis is not a pdf at all\n'))).rejects.toBeInstanceOf(UnreadableError);
    await expect(readSource('x.pdf', new TextEncoder().encode('%PDF-1.4\n' + 'garbage '.repeat(100)))).rejects.toMatchObject({ reason: 'corrupt' });
  });

  it('refuses more pages than the limit', async () => {
    const saved = limits.maxPdfPages;
    limits.maxPdfPages = 3;
    try {
      const pdf = writePdf(Array.from({ length: 4 }, (_, k) => ({ lines: [{ text: `Page ${k + 1} has some text on it.` }] })));
      await expect(readPdf(pdf)).rejects.toMatchObject({ reason: 'limit' });
    } finally {
      limits.maxPdfPages = saved;
    }
  });

  it('reads through the dispatcher and does not leave the caller\'s buffer detached', async () => {
    const bytes = writePdf(layoutDocument(blocks));
    const src = await readSource('cs.pdf', bytes);
    expect(src.kind).toBe('text');
    expect(bytes.byteLength).toBeGreaterThan(0);
  });
});

describeCorpus('corpus PDF', () => {
  it('reads the Conquest conformance statement with sections and tables', async () => {
    const src = await readPdf(new Uint8Array(readFileSync(corpusPath('cs', 'conquest-dicom-server-019d7d5.pdf'))));
    expect(src.pages).toBeGreaterThan(100);
    expect(src.lines.length).toBeGreaterThan(3000);
    const heads = src.lines.filter((l) => l.heading);
    expect(heads.length).toBeGreaterThan(40);
    expect(heads.find((h) => h.text === 'A.2 AE SPECIFICATIONS')).toMatchObject({ page: 19, heading: 2 });
    expect(heads.find((h) => h.text.startsWith('A.2.1.1 Association Establishment Policies'))).toMatchObject({ heading: 4 });
    const verification = src.lines.find((l) => l.cells && l.cells[1] === '1.2.840.10008.1.1');
    expect(verification?.cells?.[0]).toMatch(/Verification/);
    for (const l of src.lines) {
      expect(l.page).toBeGreaterThan(0);
      expect(l.line).toBeGreaterThan(0);
    }
  });
});
