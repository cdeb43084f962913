// The vendor questionnaire as a workbook (`--format questionnaire-xlsx`) and its Markdown twin:
// one set of questions per product, documents by file name and hash, vendor text as text.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { reviewPaths } from '../../server/src/engine/review.js';
import { catalogFor } from '../../server/src/engine/settings.js';
import { summarize } from '../../server/src/engine/summary.js';
import { formatReport } from '../../server/src/presenters/index.js';
import { formatReport as exportReport } from '../../server/src/lsp/export.js';
import { parseDocument } from '../../server/src/documents/parse.js';
import { openZip } from '../../server/src/readers/zip.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import { makeRule } from '../helpers/models.js';
import { repoRoot } from '../helpers/paths.js';

const samples = path.join(repoRoot, 'samples');
const config = { root: repoRoot, none: true } as const;

/** Rows of a sheet as arrays of cell text. */
function sheetRows(wb: XLSX.WorkBook, name: string): string[][] {
  return XLSX.utils.sheet_to_json<string[]>(wb.Sheets[name]!, { header: 1, defval: '', raw: false });
}

function questions(bytes: Uint8Array): Record<string, string>[] {
  const rows = sheetRows(XLSX.read(bytes, { type: 'array' }), 'Questions');
  const header = rows[2]!;
  return rows.slice(3).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

describe('questionnaire workbook from the samples', () => {
  let report: ReviewReport;
  let catalog: Catalog;
  let bytes: Uint8Array;
  beforeAll(async () => {
    report = await reviewPaths([samples], { cwd: repoRoot, config });
    catalog = catalogFor(samples, { cwd: repoRoot, config });
    bytes = formatReport('questionnaire-xlsx', report, { catalog, cwd: repoRoot, generatedAt: '2026-01-05T10:00:00.000Z' });
  }, 60_000);

  it('asks one row per product, rule and place, naming every document that raised it', () => {
    const rows = questions(bytes);
    const keys = rows.map((r) => `${r['Product']}|${r['Rule']}|${r['Question or section']}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The Northwind statement exists as Markdown and PDF: its questions are asked once, naming both.
    const tls = rows.filter((r) => r['Rule'] === 'CS-TLS-001');
    expect(tls).toHaveLength(1);
    expect(tls[0]!['Documents']).toBe('northwind-imaging-nw-scope-200-conformance.md; northwind-imaging-nw-scope-200-conformance.pdf');
    expect(tls[0]!['Follow-up question']).toBe(catalog.get('CS-TLS-001')!.question);
    expect(tls[0]!['What the vendor said']).toContain('NWSCOPE');
    // Its form exists as xlsx and csv: the same.
    const naut = rows.filter((r) => r['Rule'] === 'MDS2-NAUT-001');
    expect(naut).toHaveLength(1);
    expect(naut[0]!['Documents']).toBe('northwind-imaging-nw-scope-200-mds2.csv; northwind-imaging-nw-scope-200-mds2.xlsx');
    expect(naut[0]!['Question or section']).toBe('NAUT-1');
    expect(naut[0]!['Severity']).toBe('error');
    // The RFP draft among the samples is the hospital's own document: nothing to ask a vendor.
    expect(rows.filter((r) => r['Rule']!.startsWith('RFP-'))).toEqual([]);
    // The answer and decision columns are there, empty, for the vendor and the reviewer.
    expect(rows.every((r) => r['Vendor answer'] === '' && r['Reviewer decision'] === '' && r['Reviewer justification'] === '')).toBe(true);
  });

  it('names both documents of a cross-document question', () => {
    const cross = questions(bytes).filter((r) => r['Rule']!.startsWith('X-'));
    expect(cross.length).toBeGreaterThan(0);
    // Each names the documents its rule compares: form and statement, or form, SBOM and advisory.
    const partner = (rule: string) =>
      /^X-ADV-00[12]$/.test(rule) ? [/mds2\.xlsx/, /\.csaf\.json/] : rule === 'X-ADV-003' ? [/\.cdx\.json/, /\.csaf\.json/] : /^X-(SBOM|CSUP|RDMP)-/.test(rule) ? [/mds2\.xlsx/, /\.cdx\.json/] : [/mds2\.(csv|xlsx)/, /conformance\.(md|pdf)/];
    for (const r of cross) for (const re of partner(r['Rule']!)) expect(r['Documents']).toMatch(re);
    expect(cross.map((r) => r['Rule'])).toEqual(expect.arrayContaining(['X-CSUP-001', 'X-ADV-001', 'X-ADV-003']));
    const keys = cross.map((r) => `${r['Rule']}|${r['Question or section']}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('identifies the tool, its packs and every document by file name and SHA-256, with no local path', () => {
    const wb = XLSX.read(bytes, { type: 'array' });
    const about = sheetRows(wb, 'About');
    expect(about[0]!.slice(0, 2)).toEqual(['dicomsec vendor questionnaire', '1']);
    expect(about.find((r) => r[0] === 'Tool')![1]).toBe('dicomsec');
    expect(about.find((r) => r[0] === 'Generated')![1]).toBe('2026-01-05T10:00:00.000Z');
    expect(about.filter((r) => r[0] === 'Rule pack').map((r) => r[1])).toEqual(catalog.packs.map((p) => p.pack));
    const docs = about.filter((r) => r[0] === 'Document');
    expect(docs.map((r) => r[1]).sort()).toEqual(report.documents.map((d) => path.basename(d.path)).sort());
    for (const [, name, sha] of docs) expect(sha).toBe(createHash('sha256').update(readFileSync(path.join(samples, name!))).digest('hex'));
    const everything = wb.SheetNames.map((n) => XLSX.utils.sheet_to_csv(wb.Sheets[n]!)).join('\n');
    expect(everything).not.toContain(repoRoot);
    expect(everything).not.toContain('samples/');
  });

  it('offers the reviewer a drop-down of decisions', () => {
    const xml = Buffer.from(openZip(bytes).read('xl/worksheets/sheet1.xml')).toString('utf8');
    const rows = questions(bytes).length;
    expect(xml).toContain(`<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Reviewer decision"`);
    expect(xml).toContain(`sqref="K4:K${3 + rows}"><formula1>"accept,reject,follow-up"</formula1>`);
  });

  it('is read back as a questionnaire, never as the MDS2 form its question IDs resemble', async () => {
    const doc = await parseDocument('/tmp/q.xlsx', bytes);
    expect(doc.kind).toBe('questionnaire');
    expect(doc.recognition).toMatchObject({ kind: 'questionnaire', confidence: 'high' });
    if (doc.model.kind !== 'questionnaire') throw new Error('not a questionnaire');
    expect(doc.model.rows).toHaveLength(questions(bytes).length);
    expect(doc.model.rows[0]).toMatchObject({ row: 4, location: { sheet: 'Questions', cell: 'H4' } });
  });

  it('asks the Markdown questions once per product too, naming documents by file name', () => {
    const md = formatReport('questionnaire', report, { catalog, cwd: repoRoot });
    // One section per product, named as report and compare name it: its form and statement, in every format.
    expect(md.match(/^## Northwind Imaging.*$/gm)).toEqual(['## Northwind Imaging Ltd. (fictional) — NW-Scope 200, software 4.2']);
    expect(md).toContain('Documents: `northwind-imaging-nw-scope-200-conformance.md`, `northwind-imaging-nw-scope-200-conformance.pdf`, `northwind-imaging-nw-scope-200-mds2.csv`, `northwind-imaging-nw-scope-200-mds2.xlsx`');
    // The RFP draft in the samples is the hospital's own: no questions for a vendor.
    expect(md).not.toMatch(/RFP-/);
    expect(md.match(/\[CS-TLS-001\]/g)).toHaveLength(1);
    expect(md).not.toContain(repoRoot);
    const cross = md.slice(md.indexOf('## Inconsistencies between documents'));
    expect(cross).toMatch(/in `northwind-imaging-nw-scope-200-mds2\.(csv|xlsx)`(; | and )/);
  });

  it('crosses the editor export path as base64 bytes', () => {
    const exported = exportReport(report, 'questionnaire-xlsx', catalog, repoRoot);
    expect(exported).toMatchObject({ encoding: 'base64', extension: 'xlsx' });
    const back = Buffer.from(exported.text, 'base64');
    expect(back.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(questions(new Uint8Array(back)).length).toBe(questions(bytes).length);
    expect(exportReport(report, 'json', catalog, repoRoot).encoding).toBeUndefined();
  });
});

describe('vendor text in the workbook', () => {
  const rules = [makeRule({ id: 'CS-TLS-001', appliesTo: 'conformance-statement', question: 'Which TLS versions?' })];
  const catalog: Catalog = { packs: [], rules, get: (id) => rules.find((r) => r.id === id) };
  const hostile = (quote: string): ReviewReport => {
    const doc = '/reviews/vendor/cs.md';
    const documents: ReviewReport['documents'] = [
      {
        path: doc,
        kind: 'conformance-statement',
        status: 'reviewed',
        model: { kind: 'conformance-statement', manufacturer: quote, product: 'Viewer' } as never,
        findings: [{ ruleId: 'CS-TLS-001', severity: 'warning', message: `No TLS: ${quote}`, frameworks: {}, evidence: [{ path: doc, section: quote, line: 4, quote }] }],
        waived: [],
      },
    ];
    return { version: 1, documents, crossFindings: [], summary: summarize(documents, []) };
  };

  it.each(['=HYPERLINK("http://evil.example/","click")', '+cmd|" /C calc"!A0', '-2+3', '@SUM(1+1)', '=1+1\u0000\u001b[31m\u202e'])('writes %j as a string cell, never a formula', (attack) => {
    const bytes = formatReport('questionnaire-xlsx', hostile(attack), { catalog });
    const xml = Buffer.from(openZip(bytes).read('xl/worksheets/sheet1.xml')).toString('utf8');
    expect(xml).not.toMatch(/<f[ >]/);
    const ws = XLSX.read(bytes, { type: 'array' }).Sheets['Questions']!;
    const said = ws['E4'] as XLSX.CellObject;
    expect(said.t).toBe('s');
    expect(said.f).toBeUndefined();
    expect(String(said.v)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(String(said.v)).toBe(attack.replace(/[\u0000-\u001f]+/g, ' ').replace(/\u202e/g, '').trim());
  });

  it('cuts a quote to what a cell holds', () => {
    const bytes = formatReport('questionnaire-xlsx', hostile('x'.repeat(40_000)), { catalog });
    const said = XLSX.read(bytes, { type: 'array' }).Sheets['Questions']!['E4'] as XLSX.CellObject;
    expect(String(said.v).length).toBe(2000);
    expect(String(said.v).endsWith('…')).toBe(true);
  });
});
