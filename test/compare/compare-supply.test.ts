// compare with Contoso's SBOM and advisory in the run: every presenter (md, html, xlsx, json) shows
// them among Contoso's documents and the supply-chain rules' statuses per product, the same in each.
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareProducts, type Comparison } from '../../server/src/engine/compare.js';
import { catalogFor, reviewPaths } from '../../server/src/engine/review.js';
import { formatCompareHtml } from '../../server/src/presenters/compare-html.js';
import { formatCompareJson } from '../../server/src/presenters/compare-json.js';
import { formatCompareMarkdown } from '../../server/src/presenters/compare-md.js';
import { formatCompareXlsx } from '../../server/src/presenters/compare-xlsx.js';
import { repoRoot } from '../helpers/paths.js';

const names = [
  'contoso-medical-clarity-pacs-mds2.xlsx',
  'contoso-medical-clarity-pacs-conformance.md',
  'contoso-medical-clarity-pacs-8.1.cdx.json',
  'contoso-medical-cms-sa-2025-007.csaf.json',
  'northwind-imaging-nw-scope-200-mds2.xlsx',
  'northwind-imaging-nw-scope-200-conformance.md',
];
const files = names.map((f) => path.join(repoRoot, 'samples', f));
const config = { root: repoRoot, none: true } as const;
let comparison: Comparison;

beforeAll(async () => {
  const report = await reviewPaths(files, { cwd: repoRoot, config });
  comparison = compareProducts(report, catalogFor(files[0]!, { config, cwd: repoRoot }), { config, cwd: repoRoot });
}, 60_000);

const rule = (id: string) => comparison.milestones.flatMap((m) => m.rules).find((r) => r.id === id)!;

describe('compare: SBOMs and advisories in the product columns', () => {
  it('the model: Contoso holds its SBOM and advisory, their rules are scored for it and "no document" for Northwind', () => {
    expect(comparison.products.map((p) => p.documents.map((d) => path.basename(d.path)))).toEqual([names.slice(0, 4), names.slice(4)]);
    expect(rule('X-ADV-003')).toMatchObject({ statuses: ['gap', 'no-document'], differs: false });
    expect(rule('CSAF-VULN-001').statuses).toEqual(['gap', 'no-document']);
    // Contoso's form says an SBOM is available and one was supplied; Northwind's says none is: both met.
    expect(rule('X-SBOM-001').statuses).toEqual(['passed', 'passed']);
    // M6's score follows its rules' statuses, the supply-chain ones included.
    const m6 = comparison.milestones.find((m) => m.id === 'M6')!;
    const gaps = m6.rules.filter((r) => r.statuses[0] === 'gap').map((r) => r.id);
    expect(gaps).toEqual(expect.arrayContaining(['X-ADV-003', 'CSAF-VULN-001', 'SBOM-COMP-004']));
    expect(m6.scores[0]).toMatchObject({ applicable: m6.rules.filter((r) => !['no-document', 'not-applicable'].includes(r.statuses[0]!)).length });
    expect(m6.scores[0]!.applicable - m6.scores[0]!.passed).toBe(gaps.length);
  });

  it('md: the SBOM and advisory in the Documents row, the rule rows gap and —', () => {
    const md = formatCompareMarkdown(comparison, { cwd: repoRoot });
    const documents = md.split('\n').find((l) => l.startsWith('| Documents |'))!;
    const [contoso, northwind] = documents.split(' | ').slice(1);
    expect(contoso).toContain('`samples/contoso-medical-clarity-pacs-8.1.cdx.json`');
    expect(contoso).toContain('`samples/contoso-medical-cms-sa-2025-007.csaf.json`');
    expect(northwind).not.toMatch(/cdx\.json|csaf\.json/);
    expect(md).toMatch(/\| {2}\| `X-ADV-003` SBOM components the advisory names as affected and not fixed \| [^|]* \| gap \| — \|/);
  });

  it('html, xlsx and json say the same', () => {
    const html = formatCompareHtml(comparison, { cwd: repoRoot, generatedAt: '2026-01-01T00:00:00Z' });
    expect(html).toContain('<div>samples/contoso-medical-clarity-pacs-8.1.cdx.json <span class="muted">sbom</span></div>');
    expect(html).toContain('<div>samples/contoso-medical-cms-sa-2025-007.csaf.json <span class="muted">advisory</span></div>');
    expect(html).toMatch(/<code>X-ADV-003<\/code>[^\n]*<td class="gap">gap<\/td><td class="no-document">—<\/td><\/tr>/);
    const wb = XLSX.read(formatCompareXlsx(comparison, { cwd: repoRoot }));
    const products = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Products!, { header: 1 });
    expect(products[1]![4]!.split('\n')).toEqual([
      'samples/contoso-medical-clarity-pacs-mds2.xlsx (mds2)',
      'samples/contoso-medical-clarity-pacs-conformance.md (conformance-statement)',
      'samples/contoso-medical-clarity-pacs-8.1.cdx.json (sbom)',
      'samples/contoso-medical-cms-sa-2025-007.csaf.json (advisory)',
    ]);
    const rules = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Rules!, { header: 1 });
    expect(rules.find((r) => r[1] === 'X-ADV-003')!.slice(-2)).toEqual(['gap', '—']);
    const json = JSON.parse(formatCompareJson(comparison, { cwd: repoRoot }));
    expect(json.products[0].documents.map((d: { kind: string }) => d.kind)).toEqual(['mds2', 'conformance-statement', 'sbom', 'advisory']);
  });
});
