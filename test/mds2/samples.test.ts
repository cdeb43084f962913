// The committed samples/ files hold what the quick start promises: a weak vendor full of gaps and
// a strong vendor with resolved notes, readable as xlsx and as CSV.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTOSO, NORTHWIND, writeMds2Samples } from '../../scripts/samples/mds2.js';
import { readCsv, readSpreadsheet } from '../../server/src/readers/spreadsheet.js';
import { parseMds2 } from '../../server/src/documents/mds2/parse.js';
import { repoRoot } from '../helpers/corpus.js';
import { valuesOf } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dicomsec-mds2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeMds2Samples', async () => {
  const written = await writeMds2Samples(dir);
  const read = (file: string) => {
    const bytes = readFileSync(file);
    return parseMds2(file.endsWith('.csv') ? readCsv(bytes.toString('utf8')) : readSpreadsheet(bytes, 'xlsx'))!;
  };
  const weak = () => read(path.join(dir, `${NORTHWIND.slug}.xlsx`));
  const strong = () => read(path.join(dir, `${CONTOSO.slug}.xlsx`));

  it('writes two workbooks and a CSV export', () => {
    expect(written.map((f) => path.basename(f)).sort()).toEqual(
      [`${CONTOSO.slug}.xlsx`, `${NORTHWIND.slug}.csv`, `${NORTHWIND.slug}.xlsx`].sort(),
    );
  });

  it('the weak vendor shows the gaps the rules must find', () => {
    const f = weak();
    expect(f).toMatchObject({ edition: 'HN 1-2019', manufacturer: NORTHWIND.manufacturer, model: NORTHWIND.model, releaseDate: '2021-02-15' });
    const a = f.answers;
    expect(a['CONN-7']!.value).toBe('no'); // no TLS
    expect(a['TXCF-2']!.value).toBe('no');
    expect(a['PAUT-5']).toMatchObject({ value: 'no', noteRef: 'See Note 1' });
    expect(a['PAUT-5']!.note).toMatch(/factory password/);
    expect(a['SAHD-1']).toMatchObject({ value: 'yes', noteRef: 'See Note 7', missingNotes: ['Note 7'] });
    expect(a['SAHD-1']!.note).toBeUndefined();
    expect([a['SBOM-1']!.value, a['SBOM-2']!.value]).toEqual(['no', 'yes']);
    expect(a['CONN-2']).toMatchObject({ value: 'see-note', note: NORTHWIND.notes[1] });
    expect(a['SAHD-15']).toMatchObject({ printedId: 'SHAD-15', value: 'no' });
    const unanswered = f.order.filter((id) => a[id]!.value === 'unanswered');
    expect(unanswered).toEqual(['AUDT-4', 'AUTH-4', 'PAUT-8', 'SAHD-11']);
  });

  it('the strong vendor answers everything and every note reference resolves', () => {
    const f = strong();
    const a = f.answers;
    expect(f.order.filter((id) => a[id]!.value === 'unanswered')).toEqual([]);
    expect(f.order.filter((id) => a[id]!.missingNotes)).toEqual([]);
    expect(Object.keys(f.notes)).toHaveLength(CONTOSO.notes.length);
    expect(a['STCF-1']).toMatchObject({ value: 'yes', comment: 'AES-256 (see note 1)', note: CONTOSO.notes[0] });
    expect(a['PAUT-8']).toMatchObject({ value: 'yes', noteRef: 'Note 5', note: CONTOSO.notes[4] });
    expect(a['CONN-7']!.value).toBe('yes');
    expect(a['DOC-11.1']!.value).toBe('n/a'); // under DOC-11 = No
  });

  it('the CSV export reads like its workbook', () => {
    expect(valuesOf(read(path.join(dir, `${NORTHWIND.slug}.csv`)))).toEqual(valuesOf(weak()));
  });

  it('the committed samples/ files match what the script writes', () => {
    const committed = (name: string) => path.join(repoRoot, 'samples', name);
    for (const name of [`${NORTHWIND.slug}.xlsx`, `${CONTOSO.slug}.xlsx`, `${NORTHWIND.slug}.csv`]) {
      expect(valuesOf(read(committed(name))), name).toEqual(valuesOf(read(path.join(dir, name))));
    }
  });
});
