// Real published MDS2 forms from ../shared/corpus (skipped when the corpus is absent).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';
import { readSpreadsheet } from '../../server/src/readers/spreadsheet.js';
import { parseMds2 } from '../../server/src/documents/mds2/parse.js';
import { HN2019_QUESTION_IDS } from '../../server/src/documents/mds2/questions.js';
import { readSource } from '../../server/src/readers/read.js';
import { textSource, valuesOf } from './helpers.js';

describeCorpus("NEMA's example HN 1-2019 workbook", () => {
  const bytes = () => readFileSync(corpusPath('mds2', 'NEMA_Example-MDS2-Worksheet_HN1-2019.xlsx'));
  const form = () => parseMds2(readSpreadsheet(bytes(), 'xlsx'))!;

  it('reads all 240 questions in worksheet order, as HN 1-2019', () => {
    const f = form();
    expect(f.edition).toBe('HN 1-2019');
    expect(f.order).toEqual(HN2019_QUESTION_IDS);
    expect(Object.keys(f.answers)).toHaveLength(240);
  });

  it('reads the same through the dispatcher (zip sniffing, then the spreadsheet reader)', async () => {
    const path = corpusPath('mds2', 'NEMA_Example-MDS2-Worksheet_HN1-2019.xlsx');
    const source = await readSource(path, new Uint8Array(bytes()));
    expect(source).toMatchObject({ kind: 'sheets', format: 'xlsx' });
    expect(valuesOf(parseMds2(source)!)).toEqual(valuesOf(form()));
  });

  it('stores the SHAD-15 misprint as SAHD-15 and remembers how it was printed', () => {
    const a = form().answers['SAHD-15']!;
    expect(a).toMatchObject({ id: 'SAHD-15', section: 'SAHD', value: 'yes', printedId: 'SHAD-15' });
    expect(a.location).toEqual({ sheet: 'mds2-form', cell: 'C285' });
    expect(form().answers['SHAD-15']).toBeUndefined();
  });

  it('reads the eight notes from the block under the table and resolves every reference', () => {
    const f = form();
    expect(Object.keys(f.notes)).toEqual(['Note 1', 'Note 2', 'Note 3', 'Note 4', 'Note 5', 'Note 6', 'Note 7', 'Note 8']);
    expect(f.notes['Note 8']!.text).toBe('www.companywebsite.com/support/thisdevice');
    expect(f.answers['EMRG-1']).toMatchObject({ value: 'n/a', noteRef: 'See Note 2', note: f.notes['Note 2']!.text });
    expect(f.answers['RDMP-3']!.note).toBe('www.companywebsite.com/support/thisdevice');
    // "See Notes" in the answer plus "See Note 6" beside it.
    expect(f.answers['SAHD-16']).toMatchObject({ value: 'see-note', raw: 'See Notes', note: f.notes['Note 6']!.text });
    // DOC-10 has no answer, only "See Note 1 " (trailing space) in the note column.
    expect(f.answers['DOC-10']).toMatchObject({ value: 'unanswered', raw: '' });
    expect(f.answers['DOC-10']!.note).toMatch(/^The device is a battery powered/);
    const referring = f.order.filter((id) => f.answers[id]!.noteRef);
    expect(referring).toEqual(['DOC-10', 'EMRG-1', 'MLDP-1', 'MLDP-3', 'CONN-1.2.4', 'RDMP-3', 'SAHD-16', 'SGUD-2']);
    expect(referring.every((id) => f.answers[id]!.note && !f.answers[id]!.missingNotes)).toBe(true);
  });

  it('lifts the DOC block into the header fields and reads the release date cell as a date', () => {
    const f = form();
    expect(f.manufacturer).toBe('Hidden');
    expect(f.deviceDescription).toBe('Handheld Blood Glucose Monitor');
    expect(f.releaseDate).toBe('2019-10-09');
    expect(f.answers['DOC-5']).toMatchObject({ value: 'text', raw: 'sales@company.com' });
  });

  it('normalises every answer cell: counts per value match the sheet', () => {
    const counts: Record<string, number> = {};
    for (const v of Object.values(valuesOf(form()))) counts[v] = (counts[v] ?? 0) + 1;
    expect(counts).toEqual({ text: 7, yes: 29, no: 112, 'n/a': 90, 'see-note': 1, unanswered: 1 });
  });
});

describeCorpus('MediCapture MDS2 transcribed as text', () => {
  const txt = () => readFileSync(corpusPath('mds2', 'MediCapture_MVR-MTR_MDS2_HN1-2019_transcription.txt'), 'utf8');
  const form = () => parseMds2(textSource(txt()))!;

  it('reads all 240 questions as HN 1-2019 with the DOC fields', () => {
    const f = form();
    expect(f.edition).toBe('HN 1-2019');
    expect(new Set(f.order)).toEqual(new Set(HN2019_QUESTION_IDS));
    expect(f).toMatchObject({
      manufacturer: 'MediCapture Inc.',
      deviceDescription: 'Medical Video Recorder (with touchscreen)',
      model: 'MVR435, MVR436, MVR450, MVR460, MTR133, MTR156, MTR245',
      documentId: 'MDS2-MVR',
      releaseDate: '2026-03-20',
    });
  });

  it('splits answers from question text in every transcription style', () => {
    const a = form().answers;
    expect(a['DOC-9']).toMatchObject({ value: 'no', question: 'ISAO: Is the manufacturer part of an Information Sharing and Analysis Organization?' });
    expect(a['DOC-11']).toMatchObject({ value: 'no' });
    expect(a['MPII-1']).toMatchObject({ value: 'yes', raw: 'Yes,optional', comment: 'optional' });
    expect(a['MPII-2.9']).toMatchObject({ value: 'yes', comment: 'PACS, NAS' });
    expect(a['AUDT-2']).toMatchObject({ value: 'yes' });
    expect(a['MLDP-2']).toMatchObject({ value: 'no' });
    expect(a['PAUT-4']).toMatchObject({ value: 'n/a', comment: 'No default accounts' });
    expect(a['RDMP-4']).toMatchObject({ value: 'no', comment: 'No end-of-life components' });
    expect(a['CONN-1']).toMatchObject({ value: 'unanswered', raw: '____' });
    expect(a['SAHD-15']).toMatchObject({ value: 'yes', printedId: 'SHAD-15' });
    // The contradiction the reference notes: SBOM-1 No while SBOM-2 says Yes.
    expect(a['SBOM-1']!.value).toBe('no');
    expect(a['SBOM-2']!.value).toBe('yes');
  });

  it('gives text locations as lines', () => {
    const a = form().answers['DOC-1']!;
    expect(a.location).toEqual({ line: 5 });
    expect(form().answers['SAHD-15']!.location.line).toBe(252);
  });

  it('reads the Markdown original (with its preamble and port table) to the same answers', () => {
    const md = readFileSync(corpusPath('mds2', 'medicapture-mvr-mtr-ac86e23.md'), 'utf8');
    const fromMd = parseMds2(textSource(md, 'markdown'))!;
    expect(fromMd.edition).toBe('HN 1-2019');
    expect(valuesOf(fromMd)).toEqual(valuesOf(form()));
    expect(fromMd.manufacturer).toBe('MediCapture Inc.');
  });

  it('reads the same through the real readers (plain text and Markdown), as the CLI does', async () => {
    for (const name of ['MediCapture_MVR-MTR_MDS2_HN1-2019_transcription.txt', 'medicapture-mvr-mtr-ac86e23.md']) {
      const path = corpusPath('mds2', name);
      const f = parseMds2(await readSource(path, new Uint8Array(readFileSync(path))))!;
      expect(valuesOf(f), name).toEqual(valuesOf(form()));
      expect(f.model, name).toBe('MVR435, MVR436, MVR450, MVR460, MTR133, MTR156, MTR245');
    }
  });
});
