// Direct tests for the reader fixes that came from fuzzing (see test/fixtures/regressions/README.md).
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { readLatex } from '../../server/src/readers/latex.js';
import { readRst } from '../../server/src/readers/rst.js';
import { readSpreadsheet } from '../../server/src/readers/spreadsheet.js';
import { healthySeeds } from '../../scripts/hostile/generate.js';

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
});
