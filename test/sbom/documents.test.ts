// SBOMs (CycloneDX JSON, SPDX JSON) and CSAF advisories read from the fictional samples
// (scripts/samples/sbom.ts): the models, the exact findings with their JSON pointers and lines,
// and JSON files that are no vendor document.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../server/src/documents/parse.js';
import type { Sbom } from '../../server/src/documents/sbom/model.js';
import type { Advisory } from '../../server/src/documents/advisory/model.js';
import { reviewPaths } from '../../server/src/engine/review.js';
import { SAMPLE_COMPONENTS, SAMPLE_CVES, writeSbomSamples, writeSbomTestVariants } from '../../scripts/samples/sbom.js';

let dir: string;
let files: { cdx: string; csaf: string; spdx: string; xml: string; kev: string };

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-sbom-'));
  const [cdx, csaf] = writeSbomSamples(dir);
  files = { cdx: cdx!, csaf: csaf!, ...writeSbomTestVariants(dir) };
});

const parse = async (file: string) => parseDocument(file, new Uint8Array(readFileSync(file)));

describe('SBOM documents', () => {
  it('reads the CycloneDX sample: product, components, where each is written', async () => {
    const doc = await parse(files.cdx);
    expect(doc.kind).toBe('sbom');
    expect(doc.recognition).toEqual({ kind: 'sbom', confidence: 'high', reason: 'CycloneDX 1.6 SBOM (JSON, 6 components)' });
    const sbom = doc.model as Sbom;
    expect([sbom.product, sbom.version, sbom.manufacturer, sbom.created]).toEqual(['Clarity PACS', '8.1', 'Contoso Medical Systems (fictional)', '2025-06-30']);
    expect(sbom.components.map((c) => c.name)).toEqual(SAMPLE_COMPONENTS.map((c) => c.name));
    const dcmtk = sbom.components[1]!;
    expect(dcmtk).toMatchObject({ name: 'dcmtk', version: null, supplier: 'OFFIS e.V.', purl: 'pkg:generic/dcmtk', type: 'library' });
    expect(dcmtk.at.pointer).toBe('/components/1');
    // The line is the component's own line in the file.
    const lines = readFileSync(files.cdx, 'utf8').split('\n');
    expect(lines[dcmtk.at.line - 1]).toMatch(/^\s*\{$/);
    expect(lines[dcmtk.at.line]).toContain('"type": "library"');
    expect(sbom.components[2]).toMatchObject({ name: 'java-runtime', endOfSupport: '2024-03-31', endOfSupportAt: { pointer: '/components/2/properties/0/value' } });
  });

  it('reads the SPDX variant to the same components (described package excluded)', async () => {
    const doc = await parse(files.spdx);
    const sbom = doc.model as Sbom;
    expect(doc.recognition?.reason).toBe('SPDX 2.3 SBOM (JSON, 6 components)');
    expect([sbom.product, sbom.version, sbom.manufacturer]).toEqual(['Clarity PACS', '8.1', 'Contoso Medical Systems (fictional)']);
    const cdx = (await parse(files.cdx)).model as Sbom;
    const strip = (s: Sbom) => s.components.map(({ name, version, supplier, purl, cpe, type, endOfSupport }) => ({ name, version, supplier, purl, cpe, type, endOfSupport }));
    expect(strip(sbom)).toEqual(strip(cdx));
    expect(sbom.components[5]!.at.pointer).toBe('/packages/6');
  });

  it('refuses CycloneDX and SPDX versions it does not read, naming them', async () => {
    const old = path.join(dir, 'old.cdx.json');
    writeFileSync(old, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.2', components: [] }));
    await expect(parse(old)).rejects.toMatchObject({ reason: 'unsupported', message: 'a CycloneDX SBOM of spec version "1.2"; dicomsec reads CycloneDX 1.4, 1.5 and 1.6' });
    const spdx = path.join(dir, 'old.spdx.json');
    writeFileSync(spdx, JSON.stringify({ spdxVersion: 'SPDX-2.1', packages: [] }));
    await expect(parse(spdx)).rejects.toMatchObject({ reason: 'unsupported' });
  });
});

describe('CSAF advisories', () => {
  it('reads the sample: products from the branches, VEX statuses, remediations', async () => {
    const doc = await parse(files.csaf);
    const a = doc.model as Advisory;
    expect(doc.recognition?.reason).toBe('CSAF 2.0 advisory (csaf_vex), 5 products, 3 vulnerabilities');
    expect([a.trackingId, a.vendor, a.product, a.released]).toEqual(['CMS-SA-2025-007', 'Contoso Medical Systems (fictional)', 'Clarity PACS', '2025-07-15']);
    expect(a.products.map((p) => [p.id, p.version])).toEqual([['CPACS-8.0', '8.0'], ['CPACS-8.1', '8.1'], ['CPACS-8.2', '8.2'], ['DCMTK-3.6.7', '3.6.7'], ['CPACS-8.1:DCMTK-3.6.7', null]]);
    // A relationship product joins a component to the release it is part of.
    expect(a.products[4]!.componentOf).toEqual({ component: 'DCMTK-3.6.7', product: 'CPACS-8.1' });
    const [fixed, open, notAffected] = a.vulnerabilities;
    expect(fixed).toMatchObject({ cve: SAMPLE_CVES.fixed, affected: ['CPACS-8.1'], fixed: ['CPACS-8.2'], unremediated: [] });
    expect(open).toMatchObject({ cve: SAMPLE_CVES.unremediated, unremediated: ['CPACS-8.1', 'CPACS-8.1:DCMTK-3.6.7'], underInvestigation: ['CPACS-8.2'] });
    expect(notAffected).toMatchObject({ notAffected: ['CPACS-8.0', 'CPACS-8.1'], notAffectedUnjustified: ['CPACS-8.0'] });
    expect(open!.statusAt.pointer).toBe('/vulnerabilities/1/product_status');
  });

  it('expands product groups in remediations', async () => {
    const file = path.join(dir, 'groups.json');
    writeFileSync(
      file,
      JSON.stringify({
        document: { category: 'csaf_security_advisory', csaf_version: '2.0', title: 't', publisher: { name: 'Acme' } },
        product_tree: { full_product_names: [{ product_id: 'A', name: 'Acme A' }, { product_id: 'B', name: 'Acme B' }], product_groups: [{ group_id: 'G', product_ids: ['A', 'B'] }] },
        vulnerabilities: [{ cve: 'CVE-2099-0001', product_status: { known_affected: ['A', 'B'] }, remediations: [{ category: 'mitigation', group_ids: ['G'] }] }],
      }),
    );
    const a = (await parse(file)).model as Advisory;
    expect(a.vulnerabilities[0]!.unremediated).toEqual([]);
  });
});

describe('reviewing SBOMs and advisories', () => {
  it('gives exactly these findings on the samples, each at its JSON pointer and line', async () => {
    const report = await reviewPaths([files.cdx, files.csaf], { cwd: dir, config: { root: dir, none: true } });
    const found = report.documents.map((d) => [path.basename(d.path), d.findings.map((f) => `${f.ruleId} ${f.evidence.map((e) => `${e.section}:${e.line}`).join(' ')}`)]);
    expect(found).toEqual([
      ['contoso-medical-clarity-pacs-8.1.cdx.json', ['SBOM-COMP-001 /components/1:33', 'SBOM-COMP-004 /components/2/properties/0/value:54', 'SBOM-COMP-003 /components/4:74', 'SBOM-COMP-002 /components/5:83']],
      ['contoso-medical-cms-sa-2025-007.csaf.json', ['CSAF-VULN-001 /vulnerabilities/1/product_status:125', 'CSAF-VULN-003 /vulnerabilities/1/product_status:125', 'CSAF-VEX-001 /vulnerabilities/2/product_status:148']],
    ]);
    const unremediated = report.documents[1]!.findings[0]!;
    expect(unremediated.severity).toBe('error');
    expect(unremediated.evidence[0]!.quote).toBe('CVE-2099-10002: known affected, no fix, mitigation or workaround: Contoso Medical Systems (fictional) Clarity PACS 8.1, dcmtk 3.6.7 as a component of Clarity PACS 8.1');
  });

  it('skips a JSON file that is no SBOM or advisory in a folder, and refuses it by name', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-json-'));
    writeSbomSamples(folder);
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    const report = await reviewPaths([folder], { cwd: folder, config: { root: folder, none: true } });
    expect(report.skipped).toEqual([{ path: path.join(folder, 'package.json'), reason: 'not-a-document', detail: 'a JSON data file, not a vendor document (neither a CycloneDX or SPDX SBOM nor a CSAF advisory)' }]);
    expect(report.documents.map((d) => d.kind)).toEqual(['sbom', 'advisory']);
    const named = await reviewPaths([path.join(folder, 'package.json')], { cwd: folder, config: { root: folder, none: true } });
    expect(named.documents[0]).toMatchObject({ status: 'unreadable', reason: 'not-a-document' });
  });

  it('a truncated SBOM in a folder is unreadable (corrupt), never skipped', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-json-'));
    const text = readFileSync(files.cdx, 'utf8');
    writeFileSync(path.join(folder, 'bom.json'), text.slice(0, 900));
    const report = await reviewPaths([folder], { cwd: folder, config: { root: folder, none: true } });
    expect(report.documents[0]).toMatchObject({ status: 'unreadable', reason: 'corrupt' });
    expect(report.documents[0]!.error).toMatch(/^not valid JSON: .*truncated/);
  });
});
