// Presenters share one signature and one table (presenters/index.ts): the CLI's --format, its
// help and the editor's export menu read it, so every format is offered the same everywhere.
import { describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { FORMATS, formatReport, isFormat, PRESENTERS } from '../../server/src/presenters/index.js';
import { EXPORT_FORMATS, formatReport as exportReport } from '../../server/src/lsp/export.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import { makeRule } from '../helpers/models.js';
import * as XLSX from '@e965/xlsx';

/** The text of every cell of a workbook, for the binary formats. */
function workbookText(bytes: Uint8Array): string {
  const wb = XLSX.read(bytes, { type: 'array' });
  return wb.SheetNames.map((n) => XLSX.utils.sheet_to_csv(wb.Sheets[n]!)).join('\n');
}

const rule = makeRule({ id: 'T-TLS-001', question: 'Which TLS versions does the product offer?' });
const catalog: Catalog = { packs: [], rules: [rule], get: (id) => (id === rule.id ? rule : undefined) };
const report: ReviewReport = {
  version: 1,
  documents: [
    { path: '/v/acme/mds2.xlsx', kind: 'mds2', status: 'reviewed', findings: [{ ruleId: rule.id, severity: 'warning', message: 'No TLS', frameworks: {}, evidence: [{ questionId: 'TXCF-2', sheet: 'mds2-form', cell: 'C9', quote: 'No' }] }], waived: [] },
    { path: '/v/acme/broken.pdf', kind: 'unknown', status: 'unreadable', error: 'the PDF is encrypted', reason: 'encrypted', findings: [], waived: [] },
  ],
  crossFindings: [],
  summary: { documents: 2, reviewed: 1, unreadable: 1, findings: { error: 0, warning: 1, info: 0 }, waived: 0 },
};

describe('presenters table', () => {
  it('lists each format once, with a label and a file extension', () => {
    expect(new Set(FORMATS).size).toBe(FORMATS.length);
    expect(FORMATS[0]).toBe('stylish');
    for (const f of FORMATS) {
      expect(PRESENTERS[f].label.length, f).toBeGreaterThan(3);
      expect(PRESENTERS[f].extension, f).toMatch(/^[a-z]+$/);
    }
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('toString')).toBe(false);
  });

  for (const f of FORMATS) {
    it(`${f}: one signature, and the output names the finding and the unreadable file`, () => {
      const output = formatReport(f, report, { catalog, cwd: '/v', color: false });
      const text = typeof output === 'string' ? output : workbookText(output);
      expect(text).toContain(f === 'questionnaire' ? rule.question : rule.id);
      expect(text).toMatch(/broken\.pdf/);
    });
  }

  it('the editor exports exactly the CLI formats, with the same labels, extensions and text', () => {
    expect(EXPORT_FORMATS).toEqual(FORMATS.map((format) => ({ format, label: PRESENTERS[format].label, extension: PRESENTERS[format].extension })));
    const exported = exportReport(report, 'json', catalog, '/v');
    expect(exported.text).toBe(formatReport('json', report, { catalog, cwd: '/v' }));
    expect(exported.extension).toBe('json');
    expect(() => exportReport(report, 'constructor', catalog)).toThrow(/unknown export format/);
  });
});
