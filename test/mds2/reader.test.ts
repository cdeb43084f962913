// The spreadsheet and CSV reader, and the fail-closed paths: not an MDS2 form, encrypted, corrupt,
// empty, over the limits.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { readCsv, readSpreadsheet } from '../../server/src/readers/spreadsheet.js';
import { parseMds2 } from '../../server/src/documents/mds2/parse.js';
import { UnreadableError } from '../../server/src/core/errors.js';
import { limits } from '../../server/src/core/limits.js';
import { bookOf, parseBook, thrown, workbookBytes } from './helpers.js';

function expectUnreadable(fn: () => unknown, reason: string): string {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(UnreadableError);
  expect(err.reason).toBe(reason);
  expect(err.message).not.toMatch(/\n/);
  expect(err.message.length).toBeLessThan(240);
  return err.message;
}

/** An OLE container shaped like a password-protected OOXML workbook (as Excel writes it). */
function encryptedWorkbook(): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  // Agile encryption: version 4.4, then the XML descriptor.
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.from('<?xml version="1.0"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')]);
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

/** Rewrites the first worksheet's XML inside an xlsx (SheetJS would refuse to write such a sheet itself). */
function patchSheetXml(xlsx: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const zip = XLSX.CFB.read(Buffer.from(xlsx), { type: 'buffer' });
  const i = zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'));
  const entry = zip.FileIndex[i]!;
  entry.content = Buffer.from(edit(Buffer.from(entry.content as Uint8Array).toString('utf8')));
  return new Uint8Array(XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip' }) as Buffer);
}

describe('readSpreadsheet', () => {
  it('gives the displayed text of every cell, hidden sheets and merged ranges', () => {
    const wb = bookOf({ Visible: [['Title'], ['a', 1.5, null, 'd']], Secret: [['x']] });
    const ws = wb.Sheets['Visible']!;
    ws['B2']!.z = '0.00%';
    ws['C3'] = { t: 'n', v: 43747, z: 'yyyy-mm-dd' };
    ws['!ref'] = 'A1:D3';
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
    wb.Workbook = { Sheets: [{ name: 'Visible', Hidden: 0 }, { name: 'Secret', Hidden: 1 }] };
    const src = readSpreadsheet(workbookBytes(wb), 'xlsx');
    expect(src.format).toBe('xlsx');
    expect(src.sheets.map((s) => [s.name, s.hidden])).toEqual([['Visible', false], ['Secret', true]]);
    expect(src.sheets[0]!.rows).toEqual([['Title'], ['a', '150.00%', null, 'd'], [null, null, '2019-10-09']]);
    expect(src.sheets[0]!.merges).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }]);
  });

  it('refuses a password-protected workbook as encrypted, whatever extension it came with', () => {
    const msg = expectUnreadable(() => readSpreadsheet(encryptedWorkbook(), 'xls'), 'encrypted');
    expect(msg).toMatch(/encrypted|password/i);
    // Excel saves a protected .xlsx as an OLE container: still "encrypted", not "corrupt".
    expectUnreadable(() => readSpreadsheet(encryptedWorkbook(), 'xlsx'), 'encrypted');
    // An unprotected OLE file handed over as xlsx is not one.
    const plainOle = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(plainOle, '/Other', Buffer.alloc(600, 1));
    expectUnreadable(() => readSpreadsheet(new Uint8Array(XLSX.CFB.write(plainOle, { type: 'buffer' }) as Buffer), 'xlsx'), 'corrupt');
    expectUnreadable(() => readSpreadsheet(new Uint8Array(XLSX.CFB.write(plainOle, { type: 'buffer' }) as Buffer), 'xls'), 'corrupt');
  });

  it('refuses corrupt bytes, truncated archives and empty files', () => {
    const good = workbookBytes(bookOf({ S: [['a']] }));
    expectUnreadable(() => readSpreadsheet(new Uint8Array([1, 2, 3, 4, 5]), 'xlsx'), 'corrupt');
    expectUnreadable(() => readSpreadsheet(good.subarray(0, Math.floor(good.length / 2)), 'xlsx'), 'corrupt');
    expectUnreadable(() => readSpreadsheet(Buffer.from('PK\x03\x04' + 'x'.repeat(300)), 'xlsx'), 'corrupt');
    expectUnreadable(() => readSpreadsheet(new Uint8Array(0), 'xlsx'), 'empty');
    expectUnreadable(() => readSpreadsheet(workbookBytes(bookOf({ Empty: [] })), 'xlsx'), 'empty');
  });

  it('trusts stored cells, not the claimed dimension, and refuses grids over the cell budget', () => {
    // A tiny file claiming A1:XFD1048576 with two cells in the corner: readable, small.
    const small = workbookBytes(bookOf({ S: [['a', 'b']] }));
    const claim = patchSheetXml(small, (xml) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
    const src = readSpreadsheet(claim, 'xlsx');
    expect(src.sheets[0]!.rows).toEqual([['a', 'b']]);
    // One stray cell far away makes the real grid 17 billion cells: refused before rows are built.
    const stray = patchSheetXml(claim, (xml) =>
      xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'),
    );
    const started = Date.now();
    const msg = expectUnreadable(() => readSpreadsheet(stray, 'xlsx'), 'limit');
    expect(msg).toContain('XFD1048576');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses workbooks with more sheets than the limit', () => {
    const saved = limits.maxSheets;
    limits.maxSheets = 3;
    try {
      const wb = bookOf({ A: [['1']], B: [['1']], C: [['1']], D: [['1']] });
      expectUnreadable(() => readSpreadsheet(workbookBytes(wb), 'xlsx'), 'limit');
    } finally {
      limits.maxSheets = saved;
    }
  });
});

describe('readCsv', () => {
  it('handles quotes, doubled quotes and multi-line quoted cells', () => {
    const src = readCsv('ID,Question,Answer\r\nAUTH-1,"Is it ""really"", truly\nsecure?",Yes\n');
    expect(src).toMatchObject({ kind: 'sheets', format: 'csv' });
    expect(src.sheets[0]!.name).toBe('csv');
    expect(src.sheets[0]!.rows).toEqual([['ID', 'Question', 'Answer'], ['AUTH-1', 'Is it "really", truly\nsecure?', 'Yes']]);
  });

  it('detects semicolon and tab delimiters, and honours a sep= line', () => {
    expect(readCsv('a;b;c\n1;"2;3";4\n').sheets[0]!.rows).toEqual([['a', 'b', 'c'], ['1', '2;3', '4']]);
    expect(readCsv('a\tb, c\tc\n1\t2\t3\n').sheets[0]!.rows).toEqual([['a', 'b, c', 'c'], ['1', '2', '3']]);
    expect(readCsv('sep=|\na|b\n').sheets[0]!.rows).toEqual([['a', 'b']]);
  });

  it('refuses an empty CSV', () => {
    expectUnreadable(() => readCsv(''), 'empty');
    expectUnreadable(() => readCsv('\ufeff \r\n\r\n'), 'empty');
  });
});

describe('parseMds2 on things that are not MDS2 forms', () => {
  it('returns null for an ordinary spreadsheet, even one with ID-like codes', () => {
    expect(parseBook(bookOf({ Budget: [['Item', 'Cost'], ['Probe', '1200'], ['Cart', '300']] }))).toBeNull();
    const parts = Array.from({ length: 30 }, (_, i) => [`PRT-${i + 1}`, `Part ${i + 1}`, 'Yes']);
    expect(parseBook(bookOf({ Parts: [['Part', 'Name', 'In stock'], ...parts] }))).toBeNull();
  });

  it('refuses a workbook with the MDS2 title but no question table', () => {
    const wb = bookOf({ 'mds2-form': [['Manufacturer Disclosure Statement for Medical Device Security -- MDS2'], ['Vendor', 'Acme'], ['Please contact us for answers.']] });
    expectUnreadable(() => parseBook(wb), 'unsupported');
  });

  it('returns null for a text that only mentions the MDS2', () => {
    const lines = [
      'DICOM Conformance Statement',
      'Security: see our Manufacturer Disclosure Statement for Medical Device Security (MDS2), available on request, for details on how the product handles patient data.',
    ].map((text, i) => ({ text, line: i + 1 }));
    expect(parseMds2({ kind: 'text', format: 'text', lines })).toBeNull();
  });
});

describe('zip budget', () => {
  it('refuses a workbook whose parts expand past the decompression budget', () => {
    const wb = bookOf({ S: [['x'.repeat(30_000)], ...Array.from({ length: 200 }, (_, i) => [`row ${i} ${'y'.repeat(1000)}`])] });
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
    const saved = limits.maxDecompressedBytes;
    limits.maxDecompressedBytes = 100_000;
    try {
      expect(bytes.length).toBeLessThan(100_000);
      expectUnreadable(() => readSpreadsheet(bytes, 'xlsx'), 'limit');
    } finally {
      limits.maxDecompressedBytes = saved;
    }
    expect(readSpreadsheet(bytes, 'xlsx').sheets[0]!.rows).toHaveLength(201);
  });
});
