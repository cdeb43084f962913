// Direct tests for the reader fixes that came from fuzzing (see test/fixtures/regressions/README.md).
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { readLatex } from '../../server/src/readers/latex.js';
import { readRst } from '../../server/src/readers/rst.js';
import { readCsv, readSpreadsheet } from '../../server/src/readers/spreadsheet.js';
import { UnreadableError } from '../../server/src/core/errors.js';
import { healthySeeds, sheetXml, xlsxFrom } from '../../scripts/hostile/generate.js';
import { writeZip } from '../../scripts/hostile/zip.js';

describe('reader fixes found by fuzzing', () => {
  it('LaTeX: an environment name is literal text, never regex syntax (no SyntaxError, no ReDoS)', () => {
    for (const name of ['docum[nt', 'a(b', '(a+)+$', 'x|y', 'tabular*', '.*']) {
      const text = `\\begin{document}\n\\section{Title}\n\\begin{${name}}\n${'a'.repeat(40)}!\n\\end{${name}}\nAfter.\n\\end{document}\n`;
      const source = readLatex(text);
      expect(source.lines.map((l) => l.text).join('\n')).toContain('After.');
    }
  });

  it('reStructuredText: a grid row with more bars than its border gives dense cells', () => {
    const source = readRst('Title\n=====\n\n+------+------+\n| a    | b    |\n+======+======+\n| 1    | 2\n   |\n+------+---#--+\n');
    for (const line of source.lines) {
      if (!line.cells) continue;
      expect(Object.keys(line.cells).length).toBe(line.cells.length);
      for (const c of line.cells) expect(typeof c).toBe('string');
    }
  });

  it('workbooks: SheetJS reads a stored copy and sees the same cells as in the original', () => {
    const seeds = healthySeeds();
    const source = readSpreadsheet(seeds.xlsx, 'xlsx');
    const direct = XLSX.read(seeds.xlsx, { type: 'array', dense: true });
    const name = direct.SheetNames[0]!;
    expect(source.sheets[0]!.name).toBe(name);
    const texts = source.sheets[0]!.rows.flat().filter((c): c is string => c !== null);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts).toContain(XLSX.utils.sheet_to_json<string[]>(direct.Sheets[name]!, { header: 1 })[0]![0]);
  });

  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(UnreadableError);
      return (err as Error).message;
    }
    return 'read';
  };

  it('workbooks: cells are counted in the sheet XML before SheetJS builds them', () => {
    const rows = Array.from({ length: 30 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${r}:${c}`));
    const book = xlsxFrom({ sheets: [sheetXml(rows)] });
    expect(refusal(() => readSpreadsheet(book, 'xlsx'))).toBe('read');
    const big = Array.from({ length: 2 }, () => Array.from({ length: 1_100_000 }, () => 'x'));
    expect(refusal(() => readSpreadsheet(xlsxFrom({ sheets: [sheetXml(big)] }), 'xlsx'))).toMatch(/cell limit/);
  });

  it('OpenDocument: repeated non-empty cells count as many cells; padding with empty repeated cells does not', () => {
    const ods = (row: string) =>
      writeZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 'store' },
        { name: 'META-INF/manifest.xml', data: '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>' },
        { name: 'styles.xml', data: '<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
        {
          name: 'content.xml',
          data: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="s">${row}</table:table></office:spreadsheet></office:body></office:document-content>`,
        },
      ]);
    const padded = '<table:table-row><table:table-cell office:value-type="string"><text:p>AUTH-1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';
    expect(refusal(() => readSpreadsheet(ods(padded), 'ods'))).not.toMatch(/cell limit/);
    const bomb = '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>';
    expect(refusal(() => readSpreadsheet(ods(bomb), 'ods'))).toMatch(/cell limit/);
  });

  it('CSV: a field longer than the line-length budget is refused while it is read', () => {
    expect(refusal(() => readCsv(`a,b\n${'x'.repeat(200_000)},y\n`))).toMatch(/character limit/);
    expect(refusal(() => readCsv(`"${'q'.repeat(200_000)}`))).toMatch(/character limit/);
    expect(refusal(() => readCsv('Question ID,Answer\nAUTH-1,Yes\n'))).toBe('read');
  });
});
