// SBOMs and advisories are documents of the product whose form or statement they relate to
// (engine/products.ts over cross-subjects.ts's ProductRelations): the scorecard lists them with
// its documents and scores the supply-chain rules on them (compare: test/compare/compare-supply.test.ts).
// One that relates to no form or statement stays out of every product.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleStatus } from '../../server/src/engine/milestone-scores.js';
import { groupProducts } from '../../server/src/engine/products.js';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { catalogFor, reviewPaths } from '../../server/src/engine/review.js';
import { buildScorecard } from '../../server/src/engine/scorecard.js';
import type { Sbom } from '../../server/src/documents/sbom/model.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import { buildMds2Workbook, CONTOSO } from '../../scripts/samples/mds2.js';
import { contosoCycloneDx } from '../../scripts/samples/sbom.js';
import { repoRoot } from '../helpers/paths.js';

const sample = (f: string) => path.join(repoRoot, 'samples', f);
const FORM = sample('contoso-medical-clarity-pacs-mds2.xlsx');
const STATEMENT = sample('contoso-medical-clarity-pacs-conformance.md');
const SBOM = sample('contoso-medical-clarity-pacs-8.1.cdx.json');
const ADVISORY = sample('contoso-medical-cms-sa-2025-007.csaf.json');
const NW_FORM = sample('northwind-imaging-nw-scope-200-mds2.xlsx');
const NW_STATEMENT = sample('northwind-imaging-nw-scope-200-conformance.md');
const config = { root: repoRoot, none: true } as const;

let catalog: Catalog;
const review = (files: string[]) => reviewPaths(files, { cwd: repoRoot, config });
const ids = (c: Catalog, pred: (r: Catalog['rules'][number]) => boolean) => c.rules.filter(pred).map((r) => r.id);

let all: ReviewReport;
let formOnly: ReviewReport;
let supplyOnly: ReviewReport;
beforeAll(async () => {
  catalog = catalogFor(FORM, { config, cwd: repoRoot });
  [all, formOnly, supplyOnly] = await Promise.all([review([FORM, STATEMENT, SBOM, ADVISORY, NW_FORM, NW_STATEMENT]), review([FORM]), review([SBOM, ADVISORY])]);
}, 60_000);

describe('products: SBOMs and advisories', () => {
  it("belong to the product of the form and statement they relate to, and to no other", () => {
    const [contoso, northwind] = groupProducts(all.documents, { config, cwd: repoRoot });
    expect(contoso!.sboms.map((d) => d.path)).toEqual([SBOM]);
    expect(contoso!.advisories.map((d) => d.path)).toEqual([ADVISORY]);
    expect(northwind!.sboms).toEqual([]);
    expect(northwind!.advisories).toEqual([]);
  });

  it('stay out of products when they relate to no form or statement', () => {
    expect(groupProducts(supplyOnly.documents, { config, cwd: repoRoot })).toEqual([]);
    const card = buildScorecard(supplyOnly, catalog, { config, cwd: repoRoot });
    expect(card.products).toEqual([]);
    expect(card.others.map((d) => d.path)).toEqual([SBOM, ADVISORY]);
    // An SBOM of another maker's product, beside Contoso's form: not Contoso's.
    const foreign = structuredClone(all);
    const sbom = foreign.documents.find((d) => d.path === SBOM)!;
    sbom.model = { ...(sbom.model as Sbom), manufacturer: 'Globex Devices', product: 'Pulse Monitor', version: '7.0' };
    const products = groupProducts(foreign.documents, { config, cwd: repoRoot });
    expect(products.flatMap((p) => p.sboms)).toEqual([]);
    expect(buildScorecard(foreign, catalog, { config, cwd: repoRoot }).others.map((d) => d.path)).toContain(SBOM);
  });
});

describe('scorecard: a product with its SBOM and advisory', () => {
  it('lists them among its documents, with their titles and dates', () => {
    const card = buildScorecard(all, catalog, { config, cwd: repoRoot });
    const contoso = card.products[0]!;
    expect(contoso.documents.map((d) => [path.basename(d.path), d.title, d.date])).toEqual([
      ['contoso-medical-clarity-pacs-mds2.xlsx', 'MDS2 HN 1-2019', '2025-06-30'],
      ['contoso-medical-clarity-pacs-conformance.md', 'DICOM Conformance Statement', expect.any(String)],
      ['contoso-medical-clarity-pacs-8.1.cdx.json', 'CycloneDX 1.6 SBOM', '2025-06-30'],
      ['contoso-medical-cms-sa-2025-007.csaf.json', 'CSAF 2.0 advisory CMS-SA-2025-007', '2025-07-15'],
    ]);
    expect(card.others.map((d) => d.path)).not.toContain(SBOM);
    expect(card.others.map((d) => d.path)).not.toContain(ADVISORY);
  });

  it('scores the SBOM, advisory and cross rules on them: their findings are the product\'s', () => {
    const card = buildScorecard(all, catalog, { config, cwd: repoRoot });
    const [contoso, northwind] = card.products;
    const open = contoso!.findings.map((f) => f.finding.ruleId);
    // X-ADV-003 compares the SBOM with the advisory: its evidence names no form, yet it is Contoso's.
    expect(open).toEqual(expect.arrayContaining(['X-ADV-003', 'X-ADV-001', 'SBOM-COMP-001', 'CSAF-VULN-001']));
    const adv3 = contoso!.findings.find((f) => f.finding.ruleId === 'X-ADV-003')!;
    expect(adv3.finding.evidence.map((e) => e.path)).not.toContain(FORM);
    expect(contoso!.notAssessed).toEqual([]);
    // Northwind has no SBOM nor advisory: those rules, and the cross rules comparing them, are not assessed.
    const sbomRules = ids(catalog, (r) => r.appliesTo === 'sbom').length;
    const advisoryRules = ids(catalog, (r) => r.appliesTo === 'advisory').length;
    expect(northwind!.notAssessed).toEqual(expect.arrayContaining([
      { appliesTo: 'sbom', kinds: ['sbom'], rules: sbomRules },
      { appliesTo: 'advisory', kinds: ['advisory'], rules: advisoryRules },
      { appliesTo: 'cross', kinds: ['sbom', 'advisory'], rules: ids(catalog, (r) => r.appliesTo === 'cross' && r.between?.join() === 'sbom,advisory').length },
    ]));
    expect(northwind!.findings.map((f) => f.finding.ruleId)).not.toContain('X-SBOM-001');
  });

  it('gives each rule the status its kinds allow: no-document without them, scored with them', () => {
    const [contoso, northwind] = groupProducts(all.documents, { config, cwd: repoRoot });
    const status = (id: string, p: typeof contoso) => ruleStatus(catalog.get(id)!, p!, all);
    expect(status('X-ADV-003', contoso)).toBe('gap');
    expect(status('SBOM-COMP-001', contoso)).toBe('gap');
    expect(status('X-SBOM-001', contoso)).toBe('passed'); // the SBOM is there
    expect(status('X-ADV-003', northwind)).toBe('no-document');
    expect(status('SBOM-COMP-001', northwind)).toBe('no-document');
    expect(status('X-SBOM-003', northwind)).toBe('no-document');
    // Northwind's form answers SBOM-1 No: the missing-SBOM rule is assessed on the form alone, and met.
    expect(status('X-SBOM-001', northwind)).toBe('passed');
  });

  it('a form reviewed alone: the form-and-SBOM rules are not assessed, the missing-SBOM rule is scored', () => {
    const card = buildScorecard(formOnly, catalog, { config, cwd: repoRoot });
    const [p] = groupProducts(formOnly.documents, { config, cwd: repoRoot });
    const formAndSbom = catalog.rules.filter((r) => r.appliesTo === 'cross' && r.between?.join() === 'mds2,sbom');
    expect(formAndSbom.length).toBeGreaterThan(3);
    for (const r of formAndSbom) expect(ruleStatus(r, p!, formOnly), r.id).toBe('no-document');
    // Contoso's form says an SBOM is available (SBOM-1 Yes): none was supplied, a gap.
    expect(ruleStatus(catalog.get('X-SBOM-001')!, p!, formOnly)).toBe('gap');
    expect(card.products[0]!.findings.map((f) => f.finding.ruleId)).toContain('X-SBOM-001');
    expect(card.products[0]!.notAssessed).toContainEqual({ appliesTo: 'cross', kinds: ['mds2', 'sbom'], rules: formAndSbom.length });
  });
});

describe('products: an SBOM paired in .dicomsec.yaml', () => {
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Contoso's form (and statement) and an SBOM that names its product otherwise ('CP-Core' by 'Contoso OEM Unit'). */
  function folder(config?: string, withStatement = false): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-product-sbom-'));
    writeFileSync(path.join(dir, 'mds2.xlsx'), XLSX.write(buildMds2Workbook(CONTOSO), { type: 'buffer', bookType: 'xlsx' }));
    if (withStatement) copyFileSync(STATEMENT, path.join(dir, 'cs.md'));
    const sbom = contosoCycloneDx() as Json;
    sbom.metadata.component.name = 'CP-Core';
    delete sbom.metadata.manufacturer;
    sbom.metadata.component.supplier = { name: 'Contoso OEM Unit' };
    writeFileSync(path.join(dir, 'bom.cdx.json'), JSON.stringify(sbom, null, 2));
    if (config) writeFileSync(path.join(dir, '.dicomsec.yaml'), config);
    return dir;
  }
  const card = async (dir: string, configured: boolean) => {
    const options = { cwd: dir, config: { root: dir, ...(configured ? {} : { none: true }) } };
    const report = await reviewPaths([dir], options);
    return { report, card: buildScorecard(report, catalogFor(path.join(dir, 'mds2.xlsx'), options), options), options };
  };

  it('is the form\'s product when paired, and no product\'s when its names differ and nothing pairs it', async () => {
    const { card: unpaired } = await card(folder(), false);
    expect(unpaired.products.map((p) => p.documents.map((d) => d.kind))).toEqual([['mds2']]);
    expect(unpaired.others.map((d) => path.basename(d.path))).toEqual(['bom.cdx.json']);
    expect(unpaired.products[0]!.findings.map((f) => f.finding.ruleId)).toContain('X-SBOM-001');
    const { card: paired } = await card(folder('pairs:\n  - mds2: mds2.xlsx\n    sbom: bom.cdx.json\n'), true);
    expect(paired.products.map((p) => p.documents.map((d) => d.kind))).toEqual([['mds2', 'sbom']]);
    expect(paired.others).toEqual([]);
    const ids = paired.products[0]!.findings.map((f) => f.finding.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['X-CSUP-001', 'SBOM-COMP-001']));
    expect(ids).not.toContain('X-SBOM-001');
  }, 60_000);

  it('paired with the statement only, it is the product\'s, but the form-against-SBOM rules are not assessed: they never ran', async () => {
    // The statement's pairs: entry with the SBOM leaves it to be matched with its form by name.
    const dir = folder('pairs:\n  - { conformance: cs.md, sbom: bom.cdx.json }\n', true);
    const { report, card: c, options } = await card(dir, true);
    const [p] = c.products;
    expect(p!.documents.map((d) => d.kind)).toEqual(['mds2', 'conformance-statement', 'sbom']);
    const [product] = groupProducts(report.documents, options);
    expect([...product!.related]).toEqual(['mds2→conformance-statement']);
    const cat = catalogFor(path.join(dir, 'mds2.xlsx'), options);
    expect(ruleStatus(cat.get('X-SBOM-003')!, product!, report)).toBe('no-document');
    expect(ruleStatus(cat.get('X-CSUP-001')!, product!, report)).toBe('no-document');
    expect(ruleStatus(cat.get('SBOM-COMP-001')!, product!, report)).toBe('gap');
    // The form was compared with no SBOM: it still asks for the one it says is available.
    expect(ruleStatus(cat.get('X-SBOM-001')!, product!, report)).toBe('gap');
  }, 60_000);
});
