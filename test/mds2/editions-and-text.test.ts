// Edition detection (never 2013 as 2019 or the other way) and text forms beyond the transcription:
// PDF-export lines with wrapped questions, table cells, notes in text.
import { describe, expect, it } from 'vitest';
import { parseMds2 } from '../../server/src/documents/mds2/parse.js';
import type { TextLine } from '../../server/src/readers/source.js';
import { HN2019_QUESTION_IDS } from '../../server/src/documents/mds2/questions.js';
import { bookOf, parseBook, textSource } from './helpers.js';

/** A 2013-style form: numbered IDs, the private-data block and the Software Revision header. */
function form2013(title = 'MANUFACTURER DISCLOSURE STATEMENT FOR MEDICAL DEVICE SECURITY – MDS2'): (string | null)[][] {
  const rows: (string | null)[][] = [
    [title],
    ['Device Category', 'Manufacturer', 'Document ID', 'Document Release Date'],
    ['Ultrasound', 'Fabrikam Health (fictional)', 'FH-2013-7', 'March 3, 2015'],
    ['Device Model', 'Software Revision', 'Software Release Date'],
    ['FH Echo 5', '5.2.1', '2015-01-10'],
    [null, 'MANAGEMENT OF PRIVATE DATA', 'Yes, No, N/A, or See Note', 'Note #'],
  ];
  const sections = ['AUTOMATIC LOGOFF (ALOF)', 'AUDIT CONTROLS (AUDT)', 'AUTHORIZATION (AUTH)', 'CONFIGURATION OF SECURITY FEATURES (CNFS)'];
  sections.forEach((title, s) => {
    rows.push([`${s + 1}`, title]);
    for (let q = 1; q <= 4; q++) rows.push([`${s + 1}-${q}`, `Question ${q} of ${title}`, q % 2 ? 'Yes' : 'No', q === 2 ? '1' : null]);
  });
  rows.push([], ['Note 1', 'Only service staff can change this.']);
  return rows;
}

describe('edition detection', () => {
  it('reads a 2013 form as HN 1-2013 with its own IDs and header, never as 2019', () => {
    const f = parseBook(bookOf({ Sheet1: form2013() }))!;
    expect(f.edition).toBe('HN 1-2013');
    expect(f.order.slice(0, 3)).toEqual(['1-1', '1-2', '1-3']);
    expect(f.order.some((id) => HN2019_QUESTION_IDS.includes(id))).toBe(false);
    expect(f.answers['4-2']).toMatchObject({ value: 'no', section: 'CNFS', note: 'Only service staff can change this.' });
    expect(f.answers['2-1']!.section).toBe('AUDT');
    expect(f).toMatchObject({ manufacturer: 'Fabrikam Health (fictional)', documentId: 'FH-2013-7', softwareRevision: '5.2.1', releaseDate: '2015-03-03' });
  });

  it('a 2013 form relabelled "HN 1-2019" in its title is still 2013', () => {
    const f = parseBook(bookOf({ Sheet1: form2013('MDS2 form (ANSI/NEMA HN 1-2019)') }))!;
    expect(f.edition).toBe('HN 1-2013');
  });

  it('numbered IDs without any 2013 marker are not claimed as either edition', () => {
    const rows = form2013().filter((r) => !r.some((c) => c && /PRIVATE DATA|Software Revision|CNFS/.test(c)));
    rows[0] = ['Manufacturer Disclosure Statement for Medical Device Security'];
    const f = parseBook(bookOf({ Sheet1: rows }))!;
    expect(f.edition).toBe('unknown');
    expect(f.order.length).toBeGreaterThan(10);
  });

  it('a 2019 form that mentions "Software Revision" in an answer stays 2019', () => {
    const f = parseMds2(textSource(HN2019_QUESTION_IDS.map((id) => `${id}: Software Revision 2 applies?: Yes`).join('\n')))!;
    expect(f.edition).toBe('HN 1-2019');
  });
});

describe('text forms', () => {
  it('PDF-export lines: wrapped questions, the answer beside the first or a later line, notes at the end', () => {
    const body = [
      'Manufacturer Disclosure Statement for Medical Device Security -- MDS2',
      'Question ID Question See note',
      'DOC-1 Manufacturer Name Tailspin Devices (fictional) __',
      'DOC-3 Device Model TS-9 __',
      'AUTOMATIC LOGOFF (ALOF)',
      'ALOF-1 Can the device be configured to force reauthorization of logged-in Yes __',
      'user(s) after a predetermined length of inactivity?',
      'ALOF-2 Is the length of inactivity time before auto-logoff/screen lock',
      'user or administrator configurable? No See Note 2',
      'AUTH-1 Does the device prevent access to unauthorized users through',
      'user login requirements or other mechanism?',
      'Yes',
      ...['AUTH-2', 'AUTH-3', 'AUTH-4', 'AUTH-5', 'CONN-7', 'CONN-7.1', 'TXCF-2', 'STCF-1'].map((id) => `${id} A question about ${id}? N/A __`),
      'SHAD-15 Can the system prevent access to BIOS during boot? See Notes See Note 1',
      'Notes:',
      'Note 1 The boot loader is password protected and',
      'signed firmware only.',
      'Note 2 Fixed at 15 minutes.',
    ];
    const lines: TextLine[] = body.map((text, i) => ({ text, line: (i % 40) + 1, page: Math.floor(i / 40) + 1 }));
    const f = parseMds2({ kind: 'text', format: 'pdf', lines, pages: 1 })!;
    expect(f.edition).toBe('HN 1-2019');
    expect(f).toMatchObject({ manufacturer: 'Tailspin Devices (fictional)', model: 'TS-9' });
    const a = f.answers;
    expect(a['ALOF-1']).toMatchObject({ value: 'yes' });
    expect(a['ALOF-1']!.question).toMatch(/inactivity\?$/);
    expect(a['ALOF-2']).toMatchObject({ value: 'no', note: 'Fixed at 15 minutes.', location: { page: 1, line: 9 } });
    expect(a['AUTH-1']).toMatchObject({ value: 'yes', location: { page: 1, line: 12 } });
    expect(a['AUTH-1']!.question).toBe('Does the device prevent access to unauthorized users through user login requirements or other mechanism?');
    expect(a['CONN-7']!.value).toBe('n/a');
    expect(a['SAHD-15']).toMatchObject({ value: 'see-note', printedId: 'SHAD-15', note: 'The boot loader is password protected and signed firmware only.' });
  });

  it('table rows with cells (Markdown or a PDF table): the answer is taken from its cell', () => {
    const ids = HN2019_QUESTION_IDS.slice(15, 30);
    const lines: TextLine[] = [
      { text: '# Manufacturer Disclosure Statement for Medical Device Security', line: 1, heading: 1 },
      { text: '| ID | Question | Answer | Note |', line: 2, cells: ['ID', 'Question', 'Answer', 'Note'] },
      ...ids.map((id, i) => ({
        text: `| ${id} | Question ${i}? | ${i % 3 ? 'Yes' : 'No'} | ${i === 4 ? 'Note 2' : '__'} |`,
        line: i + 3,
        cells: [id, `Question ${i}?`, i % 3 ? 'Yes' : 'No', i === 4 ? 'Note 2' : '__'],
      })),
      { text: 'Note 2: Encrypted with the device key.', line: 40 },
    ];
    const f = parseMds2({ kind: 'text', format: 'markdown', lines })!;
    expect(f.order).toEqual(ids);
    expect(f.answers[ids[0]!]!.value).toBe('no');
    expect(f.answers[ids[1]!]!.value).toBe('yes');
    expect(f.answers[ids[4]!]).toMatchObject({ question: 'Question 4?', note: 'Encrypted with the device key.' });
  });

  it('a titled text with too few question lines is refused, not reported clean', () => {
    const src = textSource('# Manufacturer Disclosure Statement for Medical Device Security\n\nAUTH-1: Yes\nPlease ask sales for the rest.');
    src.lines[0]!.heading = 1;
    expect(() => parseMds2(src)).toThrow(/only 1 question line/);
  });
});
