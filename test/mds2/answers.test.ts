// Answer normalisation and note references, cell by cell, as vendors write them.
import { describe, expect, it } from 'vitest';
import { normaliseAnswer } from '../../server/src/documents/mds2/answers.js';
import { noteRefsIn, readNoteCell } from '../../server/src/documents/mds2/notes.js';
import { canonicalId, isQuestionId, questionInfo, HN2019_QUESTION_IDS, HN2019_SECTIONS } from '../../server/src/documents/mds2/questions.js';
import { normaliseDate } from '../../server/src/documents/mds2/dates.js';

describe('normaliseAnswer', () => {
  it.each([
    ['Yes', 'yes', undefined],
    ['Y', 'yes', undefined],
    ['yes*', 'yes', undefined],
    ['YES.', 'yes', undefined],
    ['No', 'no', undefined],
    ['N', 'no', undefined],
    ['No,', 'no', undefined],
    ['N/A', 'n/a', undefined],
    ['NA', 'n/a', undefined],
    ['n.a.', 'n/a', undefined],
    ['Not applicable', 'n/a', undefined],
    ['N/A: No default accounts', 'n/a', 'No default accounts'],
    ['No: No end-of-life components', 'no', 'No end-of-life components'],
    ['Yes,LDAP', 'yes', 'LDAP'],
    ['Yes,"PACS, NAS"', 'yes', 'PACS, NAS'],
    ['Yes, AES-256 (see note 1)', 'yes', 'AES-256 (see note 1)'],
    ['See Notes', 'see-note', undefined],
    ['See Note', 'see-note', undefined],
    ['See note 4', 'see-note', undefined],
    ['See Notes 2 and 3', 'see-note', undefined],
    ['', 'unanswered', undefined],
    ['   ', 'unanswered', undefined],
    ['____', 'unanswered', undefined],
    ['--', 'unanswered', undefined],
    ['None', 'text', 'None'],
    ['Not supported', 'text', 'Not supported'],
    ['TBD', 'text', 'TBD'],
    ['Partial', 'text', 'Partial'],
    ['Network only', 'text', 'Network only'],
  ])('%j → %s', (raw, value, comment) => {
    const a = normaliseAnswer(raw);
    expect(a.value).toBe(value);
    expect(a.comment).toBe(comment);
  });

  it('keeps note references found in the answer', () => {
    expect(normaliseAnswer('Yes, AES-256 (see note 1)').noteRefs).toEqual([{ id: 'Note 1', written: 'see note 1' }]);
    expect(normaliseAnswer('See Note 6').noteRefs.map((r) => r.id)).toEqual(['Note 6']);
  });

  it('treats free-text questions as text, however they start', () => {
    expect(normaliseAnswer('No Name Medical Inc.', true).value).toBe('text');
    expect(normaliseAnswer('  ', true).value).toBe('unanswered');
  });
});

describe('note references', () => {
  it('finds every style of reference', () => {
    expect(noteRefsIn('See Note 1 ').map((r) => r.id)).toEqual(['Note 1']);
    expect(noteRefsIn('Note #3').map((r) => r.id)).toEqual(['Note 3']);
    expect(noteRefsIn('see notes 2 and 5').map((r) => r.id)).toEqual(['Note 2', 'Note 5']);
    expect(noteRefsIn('(see notes 1, 4)').map((r) => r.id)).toEqual(['Note 1', 'Note 4']);
    expect(noteRefsIn('Provide details or reference in notes.')).toEqual([]);
  });

  it('reads a note-column cell as references, nothing, or the note itself', () => {
    expect(readNoteCell('__')).toEqual({ refs: [] });
    expect(readNoteCell('3').refs.map((r) => r.id)).toEqual(['Note 3']);
    expect(readNoteCell('#12').refs.map((r) => r.id)).toEqual(['Note 12']);
    expect(readNoteCell('See Note 7').refs.map((r) => r.id)).toEqual(['Note 7']);
    expect(readNoteCell('Uses TLS 1.3 only')).toEqual({ refs: [], inline: 'Uses TLS 1.3 only' });
  });
});

describe('question catalogue', () => {
  it('holds the 240 HN 1-2019 IDs in 23 sections with numbering parents', () => {
    expect(HN2019_QUESTION_IDS).toHaveLength(240);
    expect(new Set(HN2019_QUESTION_IDS).size).toBe(240);
    expect(HN2019_SECTIONS).toHaveLength(23);
    expect(HN2019_QUESTION_IDS.every((id) => isQuestionId(id))).toBe(true);
    expect(questionInfo('AUDT-2.8.1')).toMatchObject({ section: 'AUDT', parent: 'AUDT-2.8', gapWhen: 'no' });
    expect(questionInfo('AUTH-1')!.parent).toBeUndefined();
    for (const id of HN2019_QUESTION_IDS) {
      const parent = questionInfo(id)!.parent;
      if (parent) expect(questionInfo(parent), `${id} → ${parent}`).toBeDefined();
    }
  });

  it('carries the inverted-polarity questions and exposure flags', () => {
    const inverted = HN2019_QUESTION_IDS.filter((id) => questionInfo(id)!.gapWhen === 'yes');
    expect(inverted).toEqual(['AUDT-1.2', 'CSUP-2.2', 'CSUP-3.2', 'CSUP-4.2', 'CSUP-5.2', 'CSUP-6.2', 'MLDP-2.8', 'SAHD-12', 'RMOT-1.3']);
    expect(questionInfo('CONN-4')).toMatchObject({ gapWhen: 'informational', exposureWhen: 'yes' });
    expect(questionInfo('DOC-7')!.freeText).toBe(true);
    expect(questionInfo('DOC-8')!.freeText).toBeUndefined();
    expect(questionInfo('AUTH-3')!.uncertain).toBe(true);
  });

  it('maps misprints and aliases to canonical IDs', () => {
    expect(canonicalId('SHAD-15')).toBe('SAHD-15');
    expect(canonicalId('CNCT-7')).toBe('CONN-7');
    expect(canonicalId(' auth - 1 ')).toBe('AUTH-1');
    expect(questionInfo('SHAD-15')!.id).toBe('SAHD-15');
    expect(canonicalId('__proto__')).toBe('__proto__');
    expect(questionInfo('__proto__')).toBeUndefined();
  });
});

describe('normaliseDate', () => {
  it.each([
    ['2019-10-09', '2019-10-09'],
    ['2026/03/20', '2026-03-20'],
    ['43747', '2019-10-09'],
    ['9-Oct-2019', '2019-10-09'],
    ['October 9, 2019', '2019-10-09'],
    ['03/04/2020', '03/04/2020'],
    ['2019-02-30', '2019-02-30'],
    ['Q3 2021', 'Q3 2021'],
  ])('%s → %s', (input, out) => expect(normaliseDate(input)).toBe(out));
});
