// The fixture harness itself: the JSON baselines it writes, its patch format, and cross cases that
// combine an MDS2 patch with an SBOM and/or advisory patch for rules with `between:` (run through
// the same checks as the shipped packs' cases, on a small pack that the real validator accepts).
import { describe, expect, it } from 'vitest';
import { parseJsonTree, type JsonObject } from '../../server/src/readers/json.js';
import { validateRulePackText } from '../../server/src/rules/pack.js';
import type { CatalogRule } from '../../server/src/rules/rule.js';
import { JsonCursor } from '../../server/src/documents/json-model.js';
import {
  ADVISORY_PATH,
  advisoryText,
  buildAdvisory,
  buildSbom,
  caseSubject,
  MDS2_PATH,
  runCase,
  SBOM_PATH,
  sbomText,
  subjectKinds,
  writeJson,
} from './harness.js';
import { expectFailCase, expectPassCase } from './suite.js';

const CROSS_PACK = `
pack: harness-cross
title: Cross cases of the fixture harness
groups: [{ id: X, title: Cross }]
rules:
  - id: T-SBOM-VER
    title: The form says component versions are given; the SBOM leaves some out
    severity: warning
    appliesTo: cross
    between: [mds2, sbom]
    group: X
    frameworks: { nsa-mnp: [M2], nist-800-53: [CM-8], iec-80001-2-2: [SBOM], wg14: [rfp] }
    when: answer["SBOM-2.3"] == "yes" && sbom.components.exists(c, c.version == null)
    evidence: [{ question: SBOM-2.3 }, { fact: components.missingVersion }]
    message: m
    rationale: r
    remediation: r
    question: q
    rfpClause: c
  - id: T-ADV-FIX
    title: The form says patches are timely; the advisory leaves a vulnerability unremediated
    severity: warning
    appliesTo: cross
    between: [mds2, sbom, advisory]
    group: X
    frameworks: { nsa-mnp: [M6], nist-800-53: [SI-2], iec-80001-2-2: [CSUP], wg14: [rfp] }
    when: answer["CSUP-1"] == "yes" && sbom.product == advisory.product && advisory.vulnerabilities.exists(v, v.unremediated.size() > 0)
    evidence: [{ question: CSUP-1 }, { fact: product }, { fact: vulnerabilities.unremediated }]
    message: m
    rationale: r
    remediation: r
    question: q
    rfpClause: c
  - id: T-NO-SBOM
    title: The form says an SBOM is available, and none accompanies it
    severity: info
    appliesTo: cross
    between: [mds2]
    missing: sbom
    group: X
    frameworks: { nsa-mnp: [M2], nist-800-53: [CM-8], iec-80001-2-2: [SBOM], wg14: [rfp] }
    answers: { SBOM-1: yes }
    message: m
    rationale: r
    remediation: r
    question: q
    rfpClause: c
`;

const validation = validateRulePackText(CROSS_PACK, '/packs/harness-cross.yaml');
const rules = new Map((validation.pack?.rules ?? []).map((r) => [r.id, { ...r, pack: 'harness-cross' } as CatalogRule]));
const rule = (id: string) => rules.get(id)!;

describe('fixture harness: JSON baselines', () => {
  it('writes each pointer on the line the JSON reader puts it', () => {
    for (const { text, lineOf } of [sbomText(), advisoryText()]) {
      const tree = parseJsonTree(text);
      // Every member of every object and array, walked with the reader's own cursor.
      let checked = 0;
      const queue = [JsonCursor.root(tree)!];
      for (const c of queue) {
        for (const key of Object.keys(c.object)) {
          const at = c.at(key);
          expect(lineOf!.get(at.pointer), at.pointer).toBe(at.line);
          checked++;
          if (c.obj(key)) queue.push(c.obj(key)!);
          queue.push(...c.objects(key));
        }
      }
      expect(checked).toBeGreaterThan(50);
    }
  });

  it('writes JSON that JSON.parse reads back to the same value', () => {
    const value: JsonObject = { a: [], b: {}, c: [1, 'x', { 'd/e~f': null }], g: 'line\nbreak' };
    expect(JSON.parse(writeJson(value).text)).toEqual(value);
    expect(writeJson(value).lineOf.get('/c/2/d~1e~0f')).toBe(8);
  });

  it('reads the baselines with the real parsers: a named product, complete components, settled vulnerabilities', () => {
    const sbom = buildSbom();
    expect([sbom.standard, sbom.specVersion, sbom.product, sbom.version, sbom.manufacturer]).toEqual(['CycloneDX', '1.6', 'Imagix PACS', '5.2', 'Acme Imaging']);
    expect(sbom.components.filter((c) => !c.version || !c.supplier || !(c.purl || c.cpe) || !(c.endOfSupport! > '2090'))).toEqual([]);
    const advisory = buildAdvisory();
    expect(advisory.products.map((p) => p.id)).toEqual(['IMAGIX-5.1', 'IMAGIX-5.2', 'IMAGIX-5.3']);
    expect(advisory.vulnerabilities.map((v) => [v.cve, v.fixed, v.notAffected.length, v.unremediated, v.notAffectedUnjustified])).toEqual([
      ['CVE-2024-5535', ['IMAGIX-5.2', 'IMAGIX-5.3'], 0, [], []],
      ['CVE-2021-44228', [], 3, [], []],
    ]);
  });
});

describe('fixture harness: patches', () => {
  it('drops a component named <absent> and merges into the others by name', () => {
    const sbom = buildSbom({ items: { dcmtk: '<absent>', openssl: { version: '3.0.16' } } });
    expect(sbom.components.map((c) => `${c.name} ${c.version}`)).toEqual(['Windows Server 2022 10.0.20348', 'openssl 3.0.16', 'org.apache.logging.log4j/log4j-core 2.23.1', 'postgresql 16.4']);
  });

  it('refuses a patch naming a component or CVE the baseline does not have (a typo never passes silently)', () => {
    expect(() => buildSbom({ items: { opensssl: { version: '1' } } })).toThrow('component opensssl');
    expect(() => buildAdvisory({}, ['CVE-2099-0001'])).toThrow('knownExploited names CVE-2099-0001');
  });

  it('marks known-exploited vulnerabilities on the parsed model only', () => {
    const advisory = buildAdvisory({}, ['CVE-2021-44228']);
    expect(advisory.vulnerabilities.map((v) => v.knownExploited?.list ?? null)).toEqual([null, 'fixture-kev.json']);
  });

  it('refuses raw text that is not the document kind the rule reads', () => {
    expect(() => buildSbom({ text: '{"document": {"csaf_version": "2.0"}}' })).toThrow('not recognised as an SBOM');
  });
});

describe('fixture harness: cross cases with between:', () => {
  it('loads the cross pack through the real validator', () => {
    expect(validation.problems).toEqual([]);
    expect([...rules.keys()]).toEqual(['T-SBOM-VER', 'T-ADV-FIX', 'T-NO-SBOM']);
  });

  it('builds the subject from between, anchor first; a missing: kind is left out', () => {
    const paths = (id: string) => caseSubject(rule(id), {}).documents.map((d) => [d.model.kind, d.path]);
    expect(paths('T-SBOM-VER')).toEqual([['mds2', MDS2_PATH], ['sbom', SBOM_PATH]]);
    expect(paths('T-ADV-FIX')).toEqual([['mds2', MDS2_PATH], ['sbom', SBOM_PATH], ['advisory', ADVISORY_PATH]]);
    expect(subjectKinds(rule('T-NO-SBOM'))).toEqual(['mds2']);
  });

  it('runs a case combining an MDS2 patch and an SBOM patch', () => {
    const fail = { sbomComponents: { dcmtk: { version: '<absent>' } }, expect: 'SBOM-2.3' };
    expectFailCase(rule('T-SBOM-VER'), fail);
    const evidence = runCase(rule('T-SBOM-VER'), fail)[0]!.evidence;
    expect(evidence.map((e) => [e.path, e.questionId ?? e.section])).toEqual([[MDS2_PATH, 'SBOM-2.3'], [SBOM_PATH, '/components/2']]);
    expectPassCase(rule('T-SBOM-VER'), { name: 'the form admits it', mds2: { 'SBOM-2.3': 'no' }, sbomComponents: { dcmtk: { version: '<absent>' } } });
  });

  it('runs a case over a form, an SBOM and an advisory, each patched', () => {
    const fail = { mds2: { 'CSUP-1': 'yes' as const }, advisoryVulnerabilities: { 'CVE-2024-5535': { remediations: '<absent>' } }, expect: 'CSUP-1' };
    expectFailCase(rule('T-ADV-FIX'), fail);
    const evidence = runCase(rule('T-ADV-FIX'), fail)[0]!.evidence;
    expect(evidence.map((e) => e.section)).toEqual(['CSUP', '/metadata/component/name', '/vulnerabilities/0/product_status']);
    expectPassCase(rule('T-ADV-FIX'), { name: 'the SBOM is of another product', sbom: { metadata: { component: { name: 'Imagix Viewer' } } }, advisoryVulnerabilities: { 'CVE-2024-5535': { remediations: '<absent>' } } });
  });

  it('runs a missing: case on the anchor alone', () => {
    expectFailCase(rule('T-NO-SBOM'), { expect: 'SBOM-1' });
    expectPassCase(rule('T-NO-SBOM'), { mds2: { 'SBOM-1': 'no', 'SBOM-2': 'n/a' } });
  });
});
