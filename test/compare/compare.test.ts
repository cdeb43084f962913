// dicomsec compare's model and presenters over the two sample products (reviewed in-process):
// question rows with each product's answer and cell, differences, milestone scores that follow
// from the findings, and output that stays inert when a vendor writes markup or formulas.
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareProducts, type Comparison } from '../../server/src/engine/compare.js';
import { milestones } from '../../server/src/engine/milestone-scores.js';
import type { ReviewReport } from '../../server/src/engine/report.js';
import type { Mds2Form } from '../../server/src/documents/mds2/model.js';
import { catalogFor, reviewPaths } from '../../server/src/engine/review.js';
import { formatCompareHtml } from '../../server/src/presenters/compare-html.js';
import { formatCompareJson } from '../../server/src/presenters/compare-json.js';
import { formatCompareMarkdown } from '../../server/src/presenters/compare-md.js';
import { formatCompareXlsx } from '../../server/src/presenters/compare-xlsx.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import { repoRoot } from '../helpers/paths.js';

const samples = path.join(repoRoot, 'samples');
const files = ['contoso-medical-clarity-pacs-mds2.xlsx', 'contoso-medical-clarity-pacs-conformance.md', 'northwind-imaging-nw-scope-200-mds2.xlsx', 'northwind-imaging-nw-scope-200-conformance.md'].map((f) => path.join(samples, f));
const CONTOSO = 'Contoso Medical Systems (fictional) — Clarity PACS 8.1';
const NORTHWIND = 'Northwind Imaging Ltd. (fictional) — NW-Scope 200, software 4.2';

let report: ReviewReport;
let catalog: Catalog;
let comparison: Comparison;
const config = { root: repoRoot, none: true } as const;

beforeAll(async () => {
  report = await reviewPaths(files, { cwd: repoRoot, config });
  catalog = catalogFor(files[0]!, { config, cwd: repoRoot });
  comparison = compareProducts(report, catalog, { config, cwd: repoRoot });
}, 60_000);

const row = (c: Comparison, id: string) => c.questions.flatMap((s) => s.rows).find((r) => r.id === id)!;
const fact = (c: Comparison, key: string) => c.facts.flatMap((g) => g.rows).find((r) => r.key === key)!;

describe('compare: the sample products', () => {
  it('makes one column per product, named from the documents, each form with its statement', () => {
    expect(comparison.products.map((p) => p.name)).toEqual([CONTOSO, NORTHWIND]);
    expect(comparison.products.map((p) => p.documents.map((d) => path.basename(d.path)))).toEqual([
      ['contoso-medical-clarity-pacs-mds2.xlsx', 'contoso-medical-clarity-pacs-conformance.md'],
      ['northwind-imaging-nw-scope-200-mds2.xlsx', 'northwind-imaging-nw-scope-200-conformance.md'],
    ]);
    expect(comparison.unreadable).toEqual([]);
  });

  it('puts each question in its section with every product\'s answer and cell', () => {
    const doc8 = row(comparison, 'DOC-8');
    expect(doc8.question).toBe('Coordinated Vulnerability Disclosure program?');
    expect(doc8.cells.map((c) => [c?.answer, c?.text, c?.evidence?.sheet, c?.evidence?.cell])).toEqual([
      ['yes', 'Yes (see note 6)', 'mds2-form', 'C13'],
      ['no', 'No', 'mds2-form', 'C13'],
    ]);
    expect(doc8.differs).toBe(true);
    expect(row(comparison, 'DOC-11').differs).toBe(false);
    const sections = comparison.questions.map((s) => s.section);
    expect(sections.slice(0, 3)).toEqual(['DOC', 'MPII', 'ALOF']);
    expect(comparison.questions.find((s) => s.section === 'AUTH')!.title).toBe('Authorization');
    expect(comparison.questions.flatMap((s) => s.rows)).toHaveLength(240);
  });

  it('sets the statements\' facts side by side, with the sentence that shows them', () => {
    const tls = fact(comparison, 'tls.supported');
    expect(tls.cells.map((c) => c?.text)).toEqual(['yes', 'no']);
    expect(tls.differs).toBe(true);
    expect(tls.cells[0]!.evidence).toMatchObject({ section: '6.1 Security Profiles', line: 87 });
    expect(fact(comparison, 'dimse')).toMatchObject({ differs: false, cells: [{ text: 'yes' }, { text: 'yes' }] });
    expect(fact(comparison, 'ports').cells[1]!.text).toBe('104/tcp dicom, 8080/tcp http, 514/udp syslog');
  });

  it('scores each milestone as the share of applicable rules that found nothing, from the findings', () => {
    const products = report.documents.reduce<Record<string, ReviewReport['documents']>>((acc, d) => ((acc[path.basename(d.path).split('-')[0]!] ??= []).push(d), acc), {});
    const columns = [products.contoso!, products.northwind!];
    for (const m of milestones(catalog)) {
      const block = comparison.milestones.find((b) => b.id === m.id)!;
      columns.forEach((docs, i) => {
        const paths = new Set(docs.map((d) => d.path));
        // Recomputed here from the findings, without ruleStatus: a rule fails when a finding of it is on one of the product's documents.
        // A rule is assessed only when the product holds every kind it needs (a cross rule: the kinds it compares; a missing: rule, its anchor).
        const kinds = new Set(docs.map((d) => d.kind));
        const needs = (r: (typeof m.rules)[number]) => (r.appliesTo !== 'cross' ? [r.appliesTo] : r.missing ? (r.between ?? ['mds2']).slice(0, 1) : (r.between ?? ['mds2', 'conformance-statement']));
        const noDocument = m.rules.filter((r) => needs(r).some((k) => !kinds.has(k)));
        const gaps = m.rules.filter((r) => !noDocument.includes(r) && (r.appliesTo === 'cross' ? report.crossFindings.filter((f) => paths.has(f.evidence[0]!.path!)) : docs.filter((d) => d.kind === r.appliesTo).flatMap((d) => d.findings)).some((f) => f.ruleId === r.id));
        const na = m.rules.filter((r) => !noDocument.includes(r) && r.appliesTo !== 'cross' && docs.filter((d) => d.kind === r.appliesTo).every((d) => d.notApplicable?.some((n) => n.ruleId === r.id)));
        const crossNa = m.rules.filter((r) => !noDocument.includes(r) && r.appliesTo === 'cross' && (report.crossNotApplicable ?? []).some((n) => n.ruleId === r.id && paths.has(n.documents[0]!)));
        const applicable = m.rules.length - noDocument.length - na.filter((r) => !gaps.includes(r)).length - crossNa.filter((r) => !gaps.includes(r)).length;
        // A rule that found nothing while one of its questions is blank is no pass either.
        const forms = docs.filter((d) => d.kind === 'mds2').map((d) => d.model as Mds2Form);
        const blank = m.rules.filter((r) => r.appliesTo === 'mds2' && !gaps.includes(r) && !na.includes(r) && Object.keys(r.answers ?? {}).some((q) => forms.some((f) => (f.answers[q]?.value ?? 'unanswered') === 'unanswered')));
        const passed = applicable - gaps.length - blank.length;
        expect(block.scores[i], `${m.id} column ${i}`).toEqual({ milestone: m.id, applicable, passed, score: applicable ? passed / applicable : null });
      });
    }
    const m1 = comparison.milestones.find((b) => b.id === 'M1')!;
    expect(m1.rules.find((r) => r.id === 'CS-DOC-001')).toMatchObject({ statuses: ['passed', 'gap'], differs: true, reads: ['dateIso', 'date'] });
    expect(m1.scores[0]!.score).toBe(1);
    expect(m1.scores[1]!.score).toBeLessThan(1);
  });
});

describe('compare: products without names', () => {
  it('drops placeholder names and keeps two unnamed forms apart', () => {
    const copy = structuredClone(report);
    const forms = copy.documents.filter((d) => d.kind === 'mds2');
    for (const d of forms) d.model = { ...(structuredClone(d.model) as Mds2Form), manufacturer: 'Hidden', model: '____', deviceDescription: 'Device Description', documentId: undefined, releaseDate: undefined, softwareRevision: undefined };
    copy.documents = forms;
    const c = compareProducts(copy, catalog, { config, cwd: repoRoot });
    expect(c.products.map((p) => p.name)).toEqual(['Unnamed product 1', 'Unnamed product 2']);
  });
});

describe('compare: a blank answer', () => {
  it('makes the rules that read it unanswered, never passed, and counts them against the score', () => {
    const blanked = structuredClone(report);
    const form = blanked.documents.find((d) => path.basename(d.path) === 'contoso-medical-clarity-pacs-mds2.xlsx')!;
    const model = structuredClone(form.model) as Mds2Form;
    model.answers['AUTH-1'] = { ...model.answers['AUTH-1']!, value: 'unanswered', raw: '' };
    form.model = model;
    const c = compareProducts(blanked, catalog, { config, cwd: repoRoot });
    const readers = catalog.rules.filter((r) => r.appliesTo === 'mds2' && Object.hasOwn(r.answers ?? {}, 'AUTH-1')).map((r) => r.id);
    expect(readers.length).toBeGreaterThan(0);
    const rows = c.milestones.flatMap((m) => m.rules).filter((r) => readers.includes(r.id));
    expect(new Set(rows.map((r) => r.statuses[0]))).toEqual(new Set(['unanswered']));
    const m5 = (x: Comparison) => x.milestones.find((m) => m.id === 'M5')!.scores[0]!;
    expect(m5(c).applicable).toBe(m5(comparison).applicable);
    expect(m5(c).passed).toBeLessThan(m5(comparison).passed);
  });
});

describe('compare: presenters', () => {
  it('md: a row per question with both answers and cells, differing rows marked', () => {
    const md = formatCompareMarkdown(comparison, { cwd: repoRoot });
    expect(md).toContain(`|  | ${CONTOSO.replace(/[()]/g, '$&')} | ${NORTHWIND} |`);
    expect(md).toContain('| ≠ | **DOC-8** Coordinated Vulnerability Disclosure program? | Yes (see note 6) <sub>mds2-form!C13</sub> | No <sub>mds2-form!C13</sub> |');
    expect(md).toContain('|  | **DOC-11** SaMD (software only)? | No <sub>mds2-form!C16</sub> | No <sub>mds2-form!C16</sub> |');
    expect(md).toMatch(/\| Milestone 1: Prepare to document \| 100% \(\d+\/\d+\) \| \d+% \(\d+\/\d+\) \|/);
    expect(md).toContain('`samples/contoso-medical-clarity-pacs-mds2.xlsx`');
    expect(md).not.toContain(repoRoot);
  });

  it('html: differing rows highlighted, product names as headers, no script or external resource', () => {
    const html = formatCompareHtml(comparison, { cwd: repoRoot, generatedAt: '2026-01-01T00:00:00Z' });
    expect(html).toMatch(/<tr class="differs"><td class="mark">≠<\/td><td><strong>DOC-8<\/strong>/);
    expect(html).toMatch(/<tr><td class="mark"><\/td><td><strong>DOC-11<\/strong>/);
    expect(html).toContain(`<th>${CONTOSO}</th><th>${NORTHWIND}</th>`);
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(html).not.toContain(repoRoot);
  });

  it('json: the documented shape with relative paths', () => {
    const json = JSON.parse(formatCompareJson(comparison, { cwd: repoRoot }));
    expect(Object.keys(json)).toEqual(['version', 'products', 'questions', 'facts', 'milestones', 'unreadable']);
    expect(json.products[0].documents[0]).toEqual({ path: 'samples/contoso-medical-clarity-pacs-mds2.xlsx', kind: 'mds2' });
    expect(row(json, 'DOC-8').cells[1]!.evidence!.path).toBe('samples/northwind-imaging-nw-scope-200-mds2.xlsx');
  });

  it('xlsx: a Differs column instead of styling; answers and scores in their sheets', () => {
    const wb = XLSX.read(formatCompareXlsx(comparison, { cwd: repoRoot }));
    expect(wb.SheetNames).toEqual(['Products', 'Scores', 'MDS2 answers', 'Statement facts', 'Rules']);
    const answers = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['MDS2 answers']!, { header: 1 });
    expect(answers[0]!.slice(0, 7)).toEqual(['Section', 'ID', 'Question', 'Differs', `${CONTOSO} — answer`, `${CONTOSO} — cell`, `${CONTOSO} — note`]);
    expect(answers.find((r) => r[1] === 'DOC-8')!.slice(0, 8)).toEqual(['DOC', 'DOC-8', 'Coordinated Vulnerability Disclosure program?', 'differs', 'Yes (see note 6)', 'mds2-form!C13', expect.stringMatching(/./), 'No']);
    expect(answers.find((r) => r[1] === 'DOC-11')![3]).toBeUndefined();
    const scores = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets.Scores!, { header: 1 });
    const m1 = comparison.milestones.find((m) => m.id === 'M1')!;
    expect(scores.find((r) => r[0] === 'M1')!.slice(2)).toEqual(m1.scores.flatMap((s) => [expect.any(String), s.passed, s.applicable]));
  });
});

describe('compare: hostile vendor text', () => {
  const hostile = (): Comparison => {
    const c = structuredClone(comparison);
    c.products[0]!.name = '<script>alert(1)</script> | **x** [a](http://evil.example)';
    const cell = row(c, 'DOC-8').cells[0]!;
    cell.text = '=HYPERLINK("http://evil.example","click")';
    row(c, 'DOC-9').cells[0]!.text = '+SUM(A1:A2)';
    row(c, 'DOC-10').cells[0]!.text = '@cmd';
    return c;
  };

  it('html and md print it as text', () => {
    const html = formatCompareHtml(hostile(), { cwd: repoRoot });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = formatCompareMarkdown(hostile(), { cwd: repoRoot });
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('[a](http://');
    expect(md).toContain('\\| \\*\\*x\\*\\*');
  });

  it('xlsx writes = + @ values as text cells, never formulas', () => {
    const wb = XLSX.read(formatCompareXlsx(hostile(), { cwd: repoRoot }), { cellFormula: true });
    const ws = wb.Sheets['MDS2 answers']!;
    const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 });
    for (const [id, text] of [['DOC-8', '=HYPERLINK("http://evil.example","click")'], ['DOC-9', '+SUM(A1:A2)'], ['DOC-10', '@cmd']] as const) {
      const r = rows.findIndex((x) => x[1] === id);
      const cell = ws[XLSX.utils.encode_cell({ r, c: 4 })]!;
      expect(cell, id).toMatchObject({ t: 's', v: text });
      expect(cell.f, id).toBeUndefined();
    }
    expect(Object.values(wb.Sheets).flatMap((s) => Object.keys(s).filter((k) => !k.startsWith('!')).map((k) => s[k]!)).some((c) => c.f !== undefined)).toBe(false);
  });
});
