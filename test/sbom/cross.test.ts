// SBOMs and advisories against the MDS2 form of the same product (the supply-chain pack's cross
// rules), on the fictional Contoso documents and variants of them: which documents relate, what
// each check finds and where its evidence points in both documents.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { reviewPaths } from '../../server/src/engine/review.js';
import type { Finding } from '../../server/src/core/findings.js';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { validateRulePackText } from '../../server/src/rules/pack.js';
import { buildMds2Workbook, CONTOSO, type SampleVendor } from '../../scripts/samples/mds2.js';
import { contosoCsaf, contosoCycloneDx } from '../../scripts/samples/sbom.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A folder with Contoso's form (answers patched), and its SBOM and advisory when given. */
function folder(files: { answers?: Record<string, string>; model?: string; sbom?: Json | null; advisory?: Json | null; config?: string }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-xsbom-'));
  const vendor: SampleVendor = { ...CONTOSO, ...(files.model ? { model: files.model } : {}), answers: { ...CONTOSO.answers, ...files.answers } };
  writeFileSync(path.join(dir, 'mds2.xlsx'), XLSX.write(buildMds2Workbook(vendor), { type: 'buffer', bookType: 'xlsx' }));
  if (files.sbom !== null) writeFileSync(path.join(dir, 'bom.cdx.json'), JSON.stringify(files.sbom ?? contosoCycloneDx(), null, 2));
  if (files.advisory !== null) writeFileSync(path.join(dir, 'advisory.json'), JSON.stringify(files.advisory ?? contosoCsaf(), null, 2));
  if (files.config) writeFileSync(path.join(dir, '.dicomsec.yaml'), files.config);
  return dir;
}

async function cross(dir: string): Promise<{ findings: Finding[]; ids: string[]; notices: string[]; report: ReviewReport }> {
  const report = await reviewPaths([dir], { cwd: dir, config: { root: dir, ...(readConfig(dir) ? {} : { none: true }) } });
  expect(report.documents.every((d) => d.status === 'reviewed')).toBe(true);
  return { findings: report.crossFindings, ids: report.crossFindings.map((f) => f.ruleId).sort(), notices: (report.notices ?? []).map((n) => n.message), report };
}

function readConfig(dir: string): boolean {
  try {
    readFileSync(path.join(dir, '.dicomsec.yaml'));
    return true;
  } catch {
    return false;
  }
}

const only = (findings: Finding[], id: string) => {
  const found = findings.filter((f) => f.ruleId === id);
  expect(found, id).toHaveLength(1);
  return found[0]!;
};

describe('the MDS2 form against its SBOM and advisory', () => {
  it('finds the sample gaps, each citing the form and the other document', async () => {
    const dir = folder({});
    const { findings, ids } = await cross(dir);
    expect(ids).toEqual(['X-ADV-001', 'X-ADV-003', 'X-CSUP-001', 'X-RDMP-001', 'X-SBOM-003', 'X-SBOM-004']);
    const os_ = only(findings, 'X-CSUP-001');
    expect(os_.evidence[0]).toMatchObject({ path: path.join(dir, 'mds2.xlsx'), questionId: 'CSUP-2', answer: 'yes' });
    expect(os_.evidence[1]).toMatchObject({ path: path.join(dir, 'bom.cdx.json'), section: '/metadata/component/name', quote: 'Clarity PACS 8.1' });
    const release = only(findings, 'X-ADV-001');
    expect(release.severity).toBe('error');
    expect(release.evidence[0]).toMatchObject({ questionId: 'DOC-3', quote: 'Clarity PACS 8.1' });
    expect(release.evidence[1]).toMatchObject({ path: path.join(dir, 'advisory.json'), section: '/vulnerabilities/1/product_status' });
    expect(release.evidence[1]!.quote).toBe('CVE-2099-10002: known affected: Contoso Medical Systems (fictional) Clarity PACS 8.1, no fix, mitigation or workaround');
    const eol = only(findings, 'X-RDMP-001');
    expect(eol.evidence.map((e) => e.questionId ?? e.quote)).toEqual(['RDMP-4', 'java-runtime 8u402: end of support 2024-03-31']);
    // The SBOM against the advisory: the bundled dcmtk, named by the advisory as a component of 8.1.
    const component = only(findings, 'X-ADV-003');
    expect(component.evidence[0]).toMatchObject({ path: path.join(dir, 'bom.cdx.json'), section: '/components/1' });
    expect(component.evidence[0]!.quote).toBe('dcmtk: CVE-2099-10002 known affected (dcmtk 3.6.7 as a component of Clarity PACS 8.1), no fix, mitigation or workaround; the SBOM gives no version');
  });

  it('asks for the SBOM the form says is available when none was supplied, and only then', async () => {
    const alone = await cross(folder({ sbom: null, advisory: null }));
    expect(alone.ids).toEqual(['X-SBOM-001']);
    expect(alone.findings[0]!.evidence[0]).toMatchObject({ questionId: 'SBOM-1', answer: 'yes' });
    // A form that says no SBOM exists is not asked for one.
    expect((await cross(folder({ sbom: null, advisory: null, answers: { 'SBOM-1': 'No' } }))).ids).toEqual([]);
    // An SBOM of another product does not count as supplied, and is not compared: a notice says why.
    const other = contosoCycloneDx() as Json;
    other.metadata.component.name = 'Harbor Router';
    const unrelated = await cross(folder({ sbom: other, advisory: null }));
    expect(unrelated.ids).toEqual(['X-SBOM-001']);
    expect(unrelated.notices.join('\n')).toMatch(/not checked against each other: the product names share no word \(form "Clarity PACS 8\.1", SBOM "Harbor Router"\)/);
  });

  it('says the form is out of date when it denies an SBOM that was supplied', async () => {
    const { findings } = await cross(folder({ answers: { 'SBOM-1': 'No' }, advisory: null }));
    expect(only(findings, 'X-SBOM-002').evidence[0]).toMatchObject({ questionId: 'SBOM-1', answer: 'no' });
  });

  it('compares releases: an SBOM of another release, an advisory silent on the form\'s release', async () => {
    const older = contosoCycloneDx() as Json;
    older.metadata.component.version = '7.4';
    const { findings, ids } = await cross(folder({ model: 'Clarity PACS 7.4.0', advisory: null }));
    expect(ids).toContain('X-SBOM-006');
    expect(only(findings, 'X-SBOM-006').evidence.map((e) => e.quote)).toEqual(['Clarity PACS 7.4.0', 'Clarity PACS 8.1']);
    // 8.1.0 is 8.1, 7.4.0 is 7.4: the same release.
    expect((await cross(folder({ model: 'Clarity PACS v8.1.0', advisory: null }))).ids).not.toContain('X-SBOM-006');
    expect((await cross(folder({ model: 'Clarity PACS 7.4.0', sbom: older, advisory: null }))).ids).not.toContain('X-SBOM-006');
    const silent = await cross(folder({ model: 'Clarity PACS 7.4', sbom: null }));
    expect(silent.ids).toEqual(['X-ADV-002', 'X-SBOM-001']);
    expect(only(silent.findings, 'X-ADV-002').evidence.map((e) => e.quote)).toEqual([
      'Clarity PACS 7.4',
      'Contoso Medical Systems (fictional) Clarity PACS 8.0',
      'Contoso Medical Systems (fictional) Clarity PACS 8.1',
      'Contoso Medical Systems (fictional) Clarity PACS 8.2',
    ]);
  });

  it('reads version ranges of the product tree: a range holding the form\'s release, one it cannot read', async () => {
    const ranged = contosoCsaf() as Json;
    const releases = ranged.product_tree.branches[0].branches[0].branches;
    releases.push({ category: 'product_version_range', name: 'vers:generic/>=7.0|<8.0', product: { product_id: 'CPACS-7.X', name: 'Clarity PACS 7.x' } });
    ranged.vulnerabilities[1].product_status.known_affected.push('CPACS-7.X');
    const seven = await cross(folder({ model: 'Clarity PACS 7.4', sbom: null, advisory: ranged }));
    expect(seven.ids).toEqual(['X-ADV-001', 'X-SBOM-001']);
    expect(only(seven.findings, 'X-ADV-001').evidence[1]!.quote).toBe('CVE-2099-10002: known affected: Clarity PACS 7.x, no fix, mitigation or workaround');
    // A range it cannot read: the advisory may cover the release, so no "not listed" finding.
    releases[3].name = 'vers:generic/>=7.0 beta';
    expect((await cross(folder({ model: 'Clarity PACS 7.4', sbom: null, advisory: ranged }))).ids).toEqual(['X-SBOM-001']);
  });

  it('checks the operating system and third-party answers against the components', async () => {
    const withOs = contosoCycloneDx() as Json;
    withOs.components.push({ type: 'operating-system', name: 'Windows Server', version: '2022', supplier: { name: 'Microsoft' }, purl: 'pkg:generic/windows-server@2022' });
    const denied = await cross(folder({ answers: { 'CSUP-2': 'No', 'CSUP-5': 'No' }, sbom: withOs, advisory: null }));
    expect(denied.ids).toEqual(expect.arrayContaining(['X-CSUP-002', 'X-CSUP-003']));
    expect(only(denied.findings, 'X-CSUP-002').evidence.map((e) => e.quote)).toEqual(['No', 'Windows Server 2022']);
    // Third-party: every component whose supplier is not Contoso, the operating system and Contoso's own core aside.
    const thirdParty = only(denied.findings, 'X-CSUP-003').evidence.slice(1).map((e) => e.quote);
    expect(thirdParty).toEqual(['openssl 3.0.13 (supplier: OpenSSL Software Foundation)', 'dcmtk (supplier: OFFIS e.V.)', 'java-runtime 8u402 (supplier: Example Runtime Vendor (fictional))', 'postgresql 15.6 (supplier: PostgreSQL Global Development Group)']);
    // The sample form says yes to both, and its SBOM lists no operating system: X-CSUP-001 only.
    const sample = await cross(folder({ sbom: withOs, advisory: null }));
    expect(sample.ids.filter((id) => id.startsWith('X-CSUP'))).toEqual([]);
  });

  it('matches components by purl, CPE or name, and leaves out components of another release', async () => {
    const advisory = contosoCsaf() as Json;
    // The relationship now says dcmtk is part of 8.0, not the 8.1 the SBOM describes.
    advisory.product_tree.relationships[0].relates_to_product_reference = 'CPACS-8.0';
    expect((await cross(folder({ advisory }))).ids).not.toContain('X-ADV-003');
    // A fixed component is not reported.
    const fixed = contosoCsaf() as Json;
    fixed.vulnerabilities[1].product_status.fixed = ['CPACS-8.1:DCMTK-3.6.7'];
    expect((await cross(folder({ advisory: fixed }))).ids).not.toContain('X-ADV-003');
    // By CPE, with another version: no match; with the same: a match.
    const byCpe = contosoCsaf() as Json;
    byCpe.product_tree.full_product_names = [{ product_id: 'OSSL', name: 'OpenSSL', product_identification_helper: { cpe: 'cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*' } }];
    byCpe.vulnerabilities[0].product_status.known_affected.push('OSSL');
    const cpe = await cross(folder({ advisory: byCpe }));
    expect(cpe.findings.find((f) => f.ruleId === 'X-ADV-003')!.evidence.map((e) => e.quote).filter((q) => q?.startsWith('openssl'))).toEqual([
      'openssl 3.0.13: CVE-2099-10001 known affected (OpenSSL), no fix, mitigation or workaround',
    ]);
    byCpe.product_tree.full_product_names[0].product_identification_helper.cpe = 'cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*';
    const other = await cross(folder({ advisory: byCpe }));
    expect(other.findings.find((f) => f.ruleId === 'X-ADV-003')!.evidence.some((e) => e.quote?.startsWith('openssl'))).toBe(false);
  });

  it('relates documents named together in pairs:, whatever their names say', async () => {
    const renamed = contosoCycloneDx() as Json;
    renamed.metadata.component.name = 'CP-Core';
    delete renamed.metadata.manufacturer;
    renamed.metadata.component.supplier = { name: 'Contoso OEM Unit' };
    const unpaired = await cross(folder({ sbom: renamed, advisory: null }));
    expect(unpaired.ids).toEqual(['X-SBOM-001']);
    const paired = await cross(folder({ sbom: renamed, advisory: null, config: 'pairs:\n  - mds2: mds2.xlsx\n    sbom: bom.cdx.json\n' }));
    expect(paired.ids).toEqual(expect.arrayContaining(['X-CSUP-001', 'X-SBOM-003']));
    expect(paired.ids).not.toContain('X-SBOM-001');
  });

  it('turns off with the pack, and waives by the form\'s configuration', async () => {
    expect((await cross(folder({ config: 'packs:\n  supply-chain: false\n' }))).ids).toEqual([]);
    const waived = await cross(folder({ config: 'waivers:\n  - rule: X-CSUP-001\n    documents: mds2.xlsx\n    justification: OS listed in the vendor hardening guide, checked 2026-11-02.\n' }));
    expect(waived.ids).not.toContain('X-CSUP-001');
    expect(waived.ids).toContain('X-ADV-001');
    // Listed with the form's waived findings, with its justification, never dropped.
    const form = waived.report.documents.find((d) => d.path.endsWith('mds2.xlsx'))!;
    expect(form.waived.find((f) => f.ruleId === 'X-CSUP-001')?.waiver?.justification).toBe('OS listed in the vendor hardening guide, checked 2026-11-02.');
    expect(waived.report.summary.waived).toBe(form.waived.length);
    // A waiver on the rule about a missing SBOM works the same way.
    const alone = await cross(folder({ sbom: null, advisory: null, config: 'waivers:\n  - rule: X-SBOM-001\n    justification: SBOM requested in the tender, due with the contract.\n' }));
    expect(alone.ids).toEqual([]);
    expect(alone.report.documents[0]!.waived.map((f) => f.ruleId)).toEqual(['X-SBOM-001']);
  });
});

describe('cross rules in a pack: between and missing', () => {
  const rule = (extra: string) => `pack: t\ntitle: T\nrules:\n  - id: T-X-001\n    title: t\n    severity: info\n    frameworks: { nist-800-53: [CM-8] }\n    message: m\n    rationale: r\n    remediation: r\n    question: q\n    rfpClause: c\n${extra}`;
  const problems = (extra: string) => validateRulePackText(rule(extra), 'pack.yaml').problems.map((p) => p.message);

  it('accepts the kinds a cross rule compares, and refuses what cannot be evaluated', () => {
    expect(problems('    appliesTo: cross\n    between: [sbom, advisory]\n    when: cross.affectedComponents.size() > 0\n')).toEqual([]);
    expect(problems('    appliesTo: sbom\n    between: [sbom, advisory]\n    when: "true"\n')).toEqual(['between is for cross rules (appliesTo: cross)']);
    expect(problems('    appliesTo: cross\n    between: [mds2]\n    when: "true"\n')).toEqual(['a cross rule compares at least two kinds of document (or names the absent one with missing:)']);
    expect(problems('    appliesTo: cross\n    between: [mds2, sbom]\n    missing: sbom\n    when: "true"\n')).toEqual(['missing names sbom, which between also lists; a rule about an absent document cannot compare it']);
    expect(problems('    appliesTo: cross\n    between: [sbom, advisory]\n    answers: { SBOM-1: yes }\n')).toEqual(['answers and built-in checks read an MDS2 form: between must list mds2']);
    expect(problems('    appliesTo: cross\n    between: [mds2, rfp]\n    when: "true"\n').join()).toMatch(/between/);
  });
});
