// Reading a questionnaire workbook back: recognised by its content whatever the sheets are
// called; a header block or table changed by hand fails closed with the reason, never a
// questionnaire with fewer rows than it had.
import { describe, expect, it } from 'vitest';
import { UnreadableError } from '../../server/src/core/errors.js';
import { parseQuestionnaire, MAX_QUESTIONNAIRE_ROWS } from '../../server/src/documents/questionnaire/parse.js';
import { COLUMN_ORDER, COLUMNS } from '../../server/src/documents/questionnaire/layout.js';
import { applyQuestionnaires } from '../../server/src/engine/questionnaires.js';
import type { Sheet, SheetSource } from '../../server/src/readers/source.js';

const SHA = 'ab'.repeat(32);
const header = COLUMN_ORDER.map((c) => COLUMNS[c]);
const row = (values: Partial<Record<(typeof COLUMN_ORDER)[number], string>>) => COLUMN_ORDER.map((c) => values[c] ?? null);

function workbook(options: { about?: (string | null)[][]; questions?: (string | null)[][]; names?: [string, string] } = {}): SheetSource {
  const [qName, aName] = options.names ?? ['Questions', 'About'];
  const about: Sheet = {
    name: aName,
    hidden: false,
    rows: options.about ?? [
      ['dicomsec vendor questionnaire', '1'],
      ['Tool', 'dicomsec'],
      ['Version', '0.1.0'],
      ['Generated', '2026-01-05T10:00:00.000Z'],
      ['Rule pack', 'nsa-mnp', 'NSA Manageable Network Plan', '0123456789abcdef'],
      ['Document', 'mds2.xlsx', SHA, 'mds2', 'Acme, Scope 9'],
    ],
  };
  const questions: Sheet = {
    name: qName,
    hidden: false,
    rows: options.questions ?? [
      ['Follow-up questions…'],
      [],
      header,
      row({ product: 'Acme, Scope 9', documents: 'mds2.xlsx; cs.pdf', place: 'AUTH-1', rule: 'MDS2-AUTH-001', answer: 'Planned for 5.0', decision: 'Accept', justification: 'Compensating control: jump host.', expires: '2027-01-01' }),
      [],
      row({ product: 'Acme, Scope 9', documents: 'mds2.xlsx', place: '§ Security', rule: 'CS-TLS-001' }),
    ],
  };
  return { kind: 'sheets', format: 'xlsx', sheets: [questions, about] };
}

function failure(source: SheetSource): UnreadableError {
  try {
    parseQuestionnaire(source);
  } catch (err) {
    if (err instanceof UnreadableError) return err;
    throw err;
  }
  throw new Error('parsed');
}

describe('questionnaire parser', () => {
  it('reads the header block and every row with the cell of each value, whatever the sheets are called', () => {
    const q = parseQuestionnaire(workbook({ names: ['Fragen', 'Info'] }))!;
    expect(q).toMatchObject({ kind: 'questionnaire', tool: 'dicomsec', toolVersion: '0.1.0', questionsSheet: 'Fragen', aboutSheet: 'Info', headerRow: 3 });
    expect(q.documents).toEqual([{ name: 'mds2.xlsx', sha256: SHA, kind: 'mds2', product: 'Acme, Scope 9', location: { sheet: 'Info', cell: 'C6' } }]);
    expect(q.packs).toEqual([{ id: 'nsa-mnp', title: 'NSA Manageable Network Plan', fingerprint: '0123456789abcdef' }]);
    expect(q.rows).toHaveLength(2);
    expect(q.rows[0]).toMatchObject({
      row: 4,
      documents: ['mds2.xlsx', 'cs.pdf'],
      place: 'AUTH-1',
      ruleId: 'MDS2-AUTH-001',
      answer: { sheet: 'Fragen', cell: 'J4', text: 'Planned for 5.0' },
      decision: { cell: 'K4', text: 'Accept' },
      justification: { cell: 'L4', text: 'Compensating control: jump host.' },
      expires: { cell: 'M4', text: '2027-01-01' },
      location: { sheet: 'Fragen', cell: 'H4' },
    });
    expect(q.rows[1]).toMatchObject({ row: 6, place: '§ Security', answer: undefined, decision: undefined });
  });

  it('is not a questionnaire without the marker (another kind may read the workbook)', () => {
    expect(parseQuestionnaire(workbook({ about: [['Manufacturer Disclosure Statement']] }))).toBeNull();
  });

  it('fails closed when the questions table lost a required column', () => {
    const questions = [[], [], header.filter((h) => h !== 'Reviewer decision'), row({ rule: 'MDS2-AUTH-001' })];
    const err = failure(workbook({ questions }));
    expect(err.reason).toBe('corrupt');
    expect(err.message).toMatch(/without its questions table.*"Reviewer decision"/);
  });

  it('fails closed on another layout, a changed header block or a document hash that is no SHA-256', () => {
    expect(failure(workbook({ about: [['dicomsec vendor questionnaire', '2'], ['Tool', 'dicomsec']] }))).toMatchObject({ reason: 'unsupported', message: expect.stringMatching(/layout "2"/) });
    expect(failure(workbook({ about: [['dicomsec vendor questionnaire', '1'], ['Tool', 'other']] })).reason).toBe('corrupt');
    const tampered = failure(workbook({ about: [['dicomsec vendor questionnaire', '1'], ['Tool', 'dicomsec'], ['Document', 'mds2.xlsx', 'deadbeef', 'mds2', 'Acme']] }));
    expect(tampered).toMatchObject({ reason: 'corrupt', message: expect.stringMatching(/About!C3 is not a SHA-256/) });
  });

  it('stops at the row limit', () => {
    const questions = [[], [], header, ...Array.from({ length: MAX_QUESTIONNAIRE_ROWS + 1 }, (_, i) => row({ rule: `R-${i}` }))];
    expect(failure(workbook({ questions })).reason).toBe('limit');
  });

  it('garbled cells (a seeded mutation run) give a questionnaire or an unreadable reason, never a crash', () => {
    let seed = 12345;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const garbage = ['', ' ', 'accept', 'ACCEPT ', 'reject', '=1+1', '§', 'x'.repeat(5000), 'dicomsec vendor questionnaire', 'Document', 'Tool', '2027-02-30', 'ab'.repeat(32), '\u0000\u202e', 'Rule', 'Reviewer decision'];
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const source = workbook();
      for (let m = 0; m < 1 + random(6); m++) {
        const sheet = source.sheets[random(2)]!;
        const r = random(sheet.rows.length + 2);
        sheet.rows[r] ??= [];
        sheet.rows[r]![random(14)] = random(5) === 0 ? null : garbage[random(garbage.length)]!;
      }
      let q;
      try {
        q = parseQuestionnaire(source);
      } catch (err) {
        expect(err).toBeInstanceOf(UnreadableError);
        refused++;
        continue;
      }
      if (!q) continue;
      parsed++;
      const doc = { path: '/v/q.xlsx', kind: 'questionnaire' as const, status: 'reviewed' as const, findings: [], waived: [], model: q };
      const form = { path: '/v/mds2.xlsx', kind: 'mds2' as const, status: 'reviewed' as const, sha256: SHA, findings: [{ ruleId: 'MDS2-AUTH-001', severity: 'warning' as const, message: 'm', frameworks: {}, evidence: [{ questionId: 'AUTH-1' }] }], waived: [] };
      expect(() => applyQuestionnaires([doc, form], [], { globs: [], configDir: '/v', files: ['/v/q.xlsx'] })).not.toThrow();
      expect(form.findings.length + form.waived.length).toBe(1);
    }
    expect(parsed).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
  });
});
