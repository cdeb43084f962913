// `dicomsec compare` as a separate process: formats, exit codes, and the real corpus forms
// compared against what `dicomsec inspect` reads from each.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { runCliSync } from '../helpers/cli.js';
import { corpusPath, describeCorpus } from '../helpers/corpus.js';

function dicomsec(args: string[]) {
  const r = runCliSync(args, { env: { NO_COLOR: '', FORCE_COLOR: '' } });
  expect(r.net, 'network use').toEqual([]);
  return r;
}

interface CellJson {
  answer: string;
  text: string;
  evidence?: { sheet?: string; cell?: string; line?: number; page?: number; path?: string };
}

describe('dicomsec compare', () => {
  it('compares the samples folder: two products, json by default shape, exit 0', () => {
    const r = dicomsec(['compare', 'samples/', '-f', 'json', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.products.map((p: { name: string }) => p.name)).toEqual(['Contoso Medical Systems (fictional) — Clarity PACS 8.1', 'Northwind Imaging Ltd. (fictional) — NW-Scope 200, software 4.2']);
    // Every export of a product is in its column: the Northwind form as CSV and xlsx, its statement as md and PDF.
    expect(c.products[1].documents.map((d: { path: string }) => d.path).sort()).toEqual([
      'samples/northwind-imaging-nw-scope-200-conformance.md',
      'samples/northwind-imaging-nw-scope-200-conformance.pdf',
      'samples/northwind-imaging-nw-scope-200-mds2.csv',
      'samples/northwind-imaging-nw-scope-200-mds2.xlsx',
    ]);
  });

  it('writes html by default and an xlsx workbook with -o', () => {
    const html = dicomsec(['compare', 'samples/', '-q']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<tr class="differs">');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dicomsec-compare-')), 'c.xlsx');
    const x = dicomsec(['compare', 'samples/', '-f', 'xlsx', '-o', out, '-q']);
    expect(x.code).toBe(0);
    expect(XLSX.read(readFileSync(out)).SheetNames).toContain('MDS2 answers');
  });

  it('one product is a usage error that names it', () => {
    const r = dicomsec(['compare', 'samples/contoso-medical-clarity-pacs-mds2.xlsx', 'samples/contoso-medical-clarity-pacs-conformance.md', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dicomsec: compare needs documents of at least two products (found 1: "Contoso Medical Systems (fictional) — Clarity PACS 8.1")\n');
    expect(r.stdout).toBe('');
  });

  it('a document that cannot be read fails the run (exit 2) and the comparison says it is incomplete', () => {
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'dicomsec-compare-')), 'broken-mds2.xlsx');
    writeFileSync(broken, Buffer.from('PK\u0003\u0004 not really a workbook'));
    const r = dicomsec(['compare', 'samples/contoso-medical-clarity-pacs-mds2.xlsx', 'samples/northwind-imaging-nw-scope-200-mds2.xlsx', broken, '-f', 'md', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken-mds2\.xlsx: unreadable: /);
    expect(r.stdout).toContain('**Incomplete: documents that could not be read**');
    expect(r.stdout).toMatch(/- `[^`]*broken-mds2\.xlsx`: /);
  });

  it('--help shows the formats and examples', () => {
    const r = dicomsec(['compare', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/xlsx\s+Excel workbook/);
    expect(r.stdout).toContain('dicomsec compare vendors/contoso/ vendors/northwind/ -o comparison.html');
  });
});

describeCorpus('dicomsec compare: two real MDS2 forms', () => {
  const forms = [corpusPath('mds2', 'NEMA_Example-MDS2-Worksheet_HN1-2019.xlsx'), corpusPath('mds2', 'MediCapture_MVR-MTR_MDS2_HN1-2019_transcription.txt')];

  it('has one row per question either form asks, and each answer as inspect reads it', () => {
    const r = dicomsec(['compare', ...forms, '-f', 'json', '-q']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    // NEMA's example hides its maker and model ('Hidden'): a placeholder is never a column's name.
    expect(c.products.map((p: { name: string }) => p.name)).toEqual(['Handheld Blood Glucose Monitor', 'MediCapture Inc. — MVR435, MVR436, MVR450, MVR460, MTR133, MTR156, MTR245']);
    const models = forms.map((f) => JSON.parse(dicomsec(['inspect', f]).stdout) as { answers: Record<string, { value: string; raw: string; location: Record<string, unknown> }> });
    const rows = c.questions.flatMap((s: { rows: { id: string; cells: CellJson[] }[] }) => s.rows) as { id: string; cells: CellJson[] }[];
    const ids = new Set(models.flatMap((m) => Object.keys(m.answers)));
    expect(rows).toHaveLength(ids.size);
    expect(rows.length).toBeGreaterThanOrEqual(240);
    for (const rowOf of rows) {
      rowOf.cells.forEach((cell, i) => {
        const a = models[i]!.answers[rowOf.id];
        if (!a) return expect(cell.answer, rowOf.id).toBe('not-in-form');
        expect({ answer: cell.answer, text: cell.text }, `${rowOf.id} in form ${i}`).toEqual({ answer: a.value, text: a.raw });
        for (const [k, v] of Object.entries(a.location)) expect(cell.evidence?.[k as keyof CellJson['evidence']], `${rowOf.id} ${k}`).toBe(v);
      });
    }
    expect(rows.some((x) => x.cells[0]!.answer !== x.cells[1]!.answer)).toBe(true);
  });
});
