// Vendors rearrange NEMA's workbook. Every variant built here from a sample must read to the same
// answers and notes as the original.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { CONTOSO, NORTHWIND, buildMds2Workbook, mds2SampleRows, type SampleVendor } from '../../scripts/samples/mds2.js';
import { HN2019_QUESTION_IDS } from '../../server/src/documents/mds2/questions.js';
import { bookOf, notesOf, parseBook, parseCsvText, valuesOf } from './helpers.js';

type Rows = (string | null)[][];

const original = (vendor: SampleVendor) => parseBook(buildMds2Workbook(vendor))!;

/** Rows of the notes block ("Notes:" and "Note n" lines) split from the rest. */
function splitNotes(rows: Rows): { table: Rows; notes: Rows } {
  const at = rows.findIndex((r) => r[1] === 'Notes:');
  return { table: rows.slice(0, at), notes: rows.slice(at) };
}

/** Abbreviates answers the way vendors do: Y / N, yes*, No, (trailing comma), lower case n/a. */
function abbreviate(rows: Rows): Rows {
  let i = 0;
  return rows.map((r) => {
    if (!r[0] || !/^[A-Z]{3,4}-/.test(r[0]) || r[0].startsWith('DOC-') && Number(r[0].slice(4)) <= 7) return r;
    const a = r[2] ?? '';
    const style = i++ % 4;
    let b = a;
    if (a === 'Yes') b = ['Y', 'yes*', 'YES', 'Yes.'][style]!;
    else if (a === 'No') b = ['N', 'No,', 'no', 'NO '][style]!;
    else if (a === 'N/A') b = ['n/a', 'NA', 'N/A,', 'Not applicable'][style]!;
    return [r[0], r[1] ?? null, b, ...r.slice(3)];
  });
}

describe.each([
  ['weak vendor', NORTHWIND],
  ['strong vendor', CONTOSO],
])('layout variants of the %s', (_label, vendor) => {
  let cached: ReturnType<typeof original> | undefined;
  const base = () => (cached ??= original(vendor));

  it('the original reads all 240 questions', () => {
    expect(base().order).toEqual(HN2019_QUESTION_IDS);
    expect(base().edition).toBe('HN 1-2019');
  });

  it('logo rows on top, columns shifted right, sheet renamed, notes on their own sheet', () => {
    const { table, notes } = splitNotes(mds2SampleRows(vendor));
    const shifted: Rows = [
      ['[logo]'],
      [null, null, `${vendor.manufacturer} — confidential`],
      [],
      ...table.map((r) => [null, null, ...r]),
    ];
    const noteSheet: Rows = [['Vendor notes'], [], ...notes.slice(1).filter((r) => r.length > 0).map((r) => [r[0]!.replace('Note ', ''), r[1] ?? null])];
    const f = parseBook(bookOf({ 'Cover page': [['Security disclosure'], ['see next sheet']], 'Sheet1': shifted, 'Notes': noteSheet }))!;
    expect(valuesOf(f)).toEqual(valuesOf(base()));
    expect(notesOf(f)).toEqual(notesOf(base()));
    expect(f.answers['AUTH-1']!.location.sheet).toBe('Sheet1');
    expect(f.answers['AUTH-1']!.location.cell).toMatch(/^E\d+$/);
    expect(Object.keys(f.notes).length).toBe(vendor.notes.length);
  });

  it('answer column before the question column, with an extra comments column', () => {
    const rows = mds2SampleRows(vendor).map((r) => (r.length >= 3 ? [r[0]!, r[2] ?? null, 'reviewed', r[1] ?? null, r[3] ?? null] : r));
    const f = parseBook(bookOf({ MDS2: rows }))!;
    expect(valuesOf(f)).toEqual(valuesOf(base()));
    expect(notesOf(f)).toEqual(notesOf(base()));
    expect(f.answers['ALOF-1']!.question).toBe(base().answers['ALOF-1']!.question);
  });

  it('abbreviated answers (Y, N, yes*, No,, NA, Not applicable) normalise to the same values', () => {
    const rows = abbreviate(mds2SampleRows(vendor));
    const f = parseBook(bookOf({ 'mds2-form': rows }))!;
    expect(valuesOf(f)).toEqual(valuesOf(base()));
    // The raw text is kept as written.
    const changed = f.order.filter((id) => f.answers[id]!.raw !== base().answers[id]!.raw);
    expect(changed.length).toBeGreaterThan(100);
  });

  it('the CSV export reads to the same answers and notes (comma, semicolon and tab)', () => {
    const ws = buildMds2Workbook(vendor).Sheets['mds2-form']!;
    for (const FS of [',', ';', '\t']) {
      const f = parseCsvText(XLSX.utils.sheet_to_csv(ws, { FS }))!;
      expect(valuesOf(f), `delimiter ${JSON.stringify(FS)}`).toEqual(valuesOf(base()));
      expect(notesOf(f)).toEqual(notesOf(base()));
      expect(f.answers['TXCF-2']!.location).toMatchObject({ sheet: 'csv' });
    }
  });

  it('the legacy .xls and OpenDocument .ods exports read the same', () => {
    for (const type of ['xls', 'ods'] as const) {
      const f = parseBook(buildMds2Workbook(vendor), type)!;
      expect(valuesOf(f), type).toEqual(valuesOf(base()));
    }
  });
});

describe('layout details', () => {
  it('an answer merged over several sub-item rows applies to each of them', () => {
    const rows = mds2SampleRows(CONTOSO);
    const first = rows.findIndex((r) => r[0] === 'CSUP-2.1');
    for (let r = first + 1; r < first + 4; r++) rows[r] = [rows[r]![0]!, rows[r]![1]!, null, rows[r]![3]!];
    const wb = bookOf({ 'mds2-form': rows });
    wb.Sheets['mds2-form']!['!merges'] = [{ s: { r: first, c: 2 }, e: { r: first + 3, c: 2 } }];
    const f = parseBook(wb)!;
    for (const id of ['CSUP-2.2', 'CSUP-2.3', 'CSUP-2.4']) expect(f.answers[id]!.value).toBe(f.answers['CSUP-2.1']!.value);
    expect(f.answers['CSUP-2.4']!.location.cell).toBe(`C${first + 1}`);
  });

  it('a hidden sheet with a stale copy does not override the visible form', () => {
    const visible = mds2SampleRows(CONTOSO);
    const stale = mds2SampleRows(NORTHWIND);
    const wb = bookOf({ 'old version': stale, 'mds2-form': visible });
    wb.Workbook = { Sheets: [{ name: 'old version', Hidden: 1 }, { name: 'mds2-form', Hidden: 0 }] };
    const f = parseBook(wb)!;
    expect(f.manufacturer).toBe(CONTOSO.manufacturer);
    expect(f.answers['CONN-7']!.value).toBe('yes');
    expect(f.answers['CONN-7']!.location.sheet).toBe('mds2-form');
  });

  it('notes written inline in the note column become the note text', () => {
    const rows = mds2SampleRows(CONTOSO);
    const r = rows.findIndex((row) => row[0] === 'AUTH-1');
    rows[r] = [rows[r]![0]!, rows[r]![1]!, 'Yes', 'Login through the hospital Active Directory'];
    const f = parseBook(bookOf({ 'mds2-form': rows }))!;
    expect(f.answers['AUTH-1']).toMatchObject({ value: 'yes', note: 'Login through the hospital Active Directory' });
    expect(f.answers['AUTH-1']!.noteRef).toBeUndefined();
  });
});
