// Crafted cell and line contents that would make a careless pattern backtrack for minutes. Each
// variant is read in well under the time budget, and the form still parses.
import { describe, expect, it } from 'vitest';
import { CONTOSO, mds2SampleRows } from '../../scripts/samples/mds2.js';
import { parseMds2 } from '../../server/src/documents/mds2/parse.js';
import { bookOf, parseBook, textSource } from './helpers.js';

const N = 30_000; // close to Excel's 32,767-character cell limit
const nasty = [
  `note${' '.repeat(N)}x`,
  `see note${' '.repeat(N)}x`,
  `Yes a${','.repeat(N)}b`,
  `a${' '.repeat(N)}b`,
  `Question${" ".repeat(N / 2)}Yes${" ".repeat(N / 2)}x`,
  `${'?:'.repeat(N / 2)}`,
  `Note 1${' '.repeat(N)}:`,
  `${'(ABC)'.repeat(N / 5)} x`,
];

describe('hostile cell contents', () => {
  it('a workbook whose answer, note and question cells hold them parses quickly', () => {
    const rows = mds2SampleRows(CONTOSO);
    let k = 0;
    for (const row of rows) {
      if (!row[0] || !/^[A-Z]{3,4}-/.test(row[0]) || k >= nasty.length * 3) continue;
      const text = nasty[k % nasty.length]!;
      row[1 + (k % 3)] = text;
      k++;
    }
    rows.push([nasty[0]!, nasty[1]!], [null, 'Notes:'], [nasty[6]!, nasty[4]!]);
    const started = Date.now();
    const f = parseBook(bookOf({ 'mds2-form': rows }))!;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(f.edition).toBe('HN 1-2019');
  });

  it('a text form with such lines parses quickly', () => {
    const ids = ['AUTH-1', 'AUTH-2', 'AUTH-3', 'AUTH-4', 'AUTH-5', 'ALOF-1', 'ALOF-2', 'AUDT-1', 'AUDT-2', 'AUDT-3', 'AUDT-4'];
    const body = ids.map((id, i) => `${id},${nasty[i % nasty.length]}: Yes`).concat(nasty).join('\n');
    const started = Date.now();
    const f = parseMds2(textSource(body))!;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(f.order).toEqual(ids);
  });
});
