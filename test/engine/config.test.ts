import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, parseConfigText } from '../../server/src/config/config.js';
import { configResolver, governingConfig } from '../../server/src/config/resolve.js';
import { applyWaivers, EXPIRED_WAIVER_RULE } from '../../server/src/config/waivers.js';
import { matchesGlob } from '../../server/src/core/glob.js';
import type { Finding } from '../../server/src/core/findings.js';

const finding = (ruleId: string, questionId?: string, section?: string): Finding => ({
  ruleId,
  severity: 'error',
  message: 'm',
  evidence: [{ questionId, section }],
  frameworks: {},
});

describe('.dicomsec.yaml', () => {
  it('comes from the reviewer: the nearest file at or above the root; files below the root are reported, not applied', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dicomsec-config-'));
    mkdirSync(path.join(root, 'vendors', 'acme'), { recursive: true });
    writeFileSync(path.join(root, '.dicomsec.yaml'), 'failOn: warning\n');
    const doc = path.join(root, 'vendors', 'acme', 'mds2.xlsx');
    writeFileSync(doc, 'x');
    expect(findConfigFile(doc)).toBe(path.join(root, '.dicomsec.yaml'));
    expect(governingConfig(doc, { root }).config.failOn).toBe('warning');
    // Looked up from a folder below the reviewer's file: still the reviewer's file.
    expect(governingConfig(doc, { root: path.join(root, 'vendors') }).config.file).toBe(path.join(root, '.dicomsec.yaml'));
    writeFileSync(path.join(root, 'vendors', '.dicomsec.yml'), 'failOn: info\n');
    const g = governingConfig(doc, { root });
    expect(g.config.failOn).toBe('warning');
    expect(g.notices).toEqual([expect.objectContaining({ kind: 'config-not-applied', file: path.join(root, 'vendors', '.dicomsec.yml') })]);
    // From inside vendors/ its own file is the nearest one at or above the root: the reviewer's.
    expect(governingConfig(doc, { root: path.join(root, 'vendors') }).config.failOn).toBe('info');
  });

  it('applies a nested file only when the reviewer trusts it by glob, and never its custom packs', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dicomsec-config-'));
    mkdirSync(path.join(root, 'vendors', 'ours'), { recursive: true });
    mkdirSync(path.join(root, 'vendors', 'theirs'), { recursive: true });
    writeFileSync(path.join(root, '.dicomsec.yaml'), 'trustNestedConfigs: ["vendors/ours/**"]\nfailOn: warning\n');
    writeFileSync(path.join(root, 'vendors', 'ours', '.dicomsec.yaml'), 'failOn: info\ncustomPacks: [p.yaml]\ntrustNestedConfigs: ["**"]\n');
    writeFileSync(path.join(root, 'vendors', 'theirs', '.dicomsec.yaml'), 'failOn: none\n');
    const ours = governingConfig(path.join(root, 'vendors', 'ours', 'a.pdf'), { root });
    expect(ours.config).toMatchObject({ file: path.join(root, 'vendors', 'ours', '.dicomsec.yaml'), failOn: 'info', customPacks: [], trustNestedConfigs: [], nested: true });
    expect(ours.notices.map((n) => n.kind)).toEqual(['custom-packs-not-loaded']);
    const theirs = governingConfig(path.join(root, 'vendors', 'theirs', 'a.pdf'), { root });
    expect(theirs.config.failOn).toBe('warning');
    expect(theirs.notices.map((n) => n.kind)).toEqual(['config-not-applied']);
    // --config names the reviewer's file; --no-config uses none, and still reports what it found.
    expect(governingConfig(path.join(root, 'vendors', 'ours', 'a.pdf'), { root, file: path.join(root, 'vendors', 'theirs', '.dicomsec.yaml') }).config.failOn).toBe('none');
    const none = governingConfig(path.join(root, 'vendors', 'theirs', 'a.pdf'), { root, none: true });
    expect(none.config.file).toBeUndefined();
    expect(none.notices).toHaveLength(1);
  });

  it('applies per-glob overrides of the governing file to the matching documents only', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dicomsec-config-'));
    writeFileSync(path.join(root, '.dicomsec.yaml'), 'rules:\n  MDS2-DOC-003: warning\noverrides:\n  - files: "vendors/acme/**"\n    rules:\n      MDS2-DOC-003: "off"\n    packs:\n      wg14-checklist: false\n');
    const acme = governingConfig(path.join(root, 'vendors', 'acme', 'm.xlsx'), { root }).config;
    expect(acme.rules['MDS2-DOC-003']).toBe('off');
    expect(acme.packs['wg14-checklist']).toBe(false);
    expect(governingConfig(path.join(root, 'vendors', 'other', 'm.xlsx'), { root }).config.rules['MDS2-DOC-003']).toBe('warning');
    // The same object for every document under one setting: catalogues are built once.
    expect(governingConfig(path.join(root, 'vendors', 'acme', 'n.xlsx'), { root }).config).toBe(acme);
    // A run's resolver (each folder once) says the same.
    const resolve = configResolver({ root });
    expect(resolve(path.join(root, 'vendors', 'acme', 'n.xlsx')).config).toBe(acme);
    expect(resolve(path.join(root, 'vendors', 'other', 'm.xlsx')).config.rules['MDS2-DOC-003']).toBe('warning');
  });

  it('refuses unknown keys and bad severities with file, line and column', () => {
    expect(() => parseConfigText('packs:\n  nsa-mnp: true\nrulez: {}\n', '/w/.dicomsec.yaml')).toThrow(/\.dicomsec\.yaml:3:1: .*unknown key "rulez"/);
    expect(() => parseConfigText('rules:\n  MDS2-CONN-003: fatal\n', '/w/.dicomsec.yaml')).toThrow(/must be one of/);
    expect(() => parseConfigText('waivers:\n  - rule: X-1\n    justification: short\n', '/w/.dicomsec.yaml')).toThrow(/justification/);
  });

  it('resolves paths relative to the file', () => {
    const c = parseConfigText('customPacks: [./packs/ours.yaml]\npairs:\n  - { mds2: a/m.xlsx, conformance: a/cs.pdf }\n', '/w/sub/.dicomsec.yaml');
    expect(c.customPacks).toEqual(['/w/sub/packs/ours.yaml']);
    expect(c.pairs[0]).toEqual({ mds2: '/w/sub/a/m.xlsx', conformance: '/w/sub/a/cs.pdf' });
  });
});

describe('waivers', () => {
  const config = parseConfigText(
    [
      'waivers:',
      '  - rule: MDS2-PAUT-004',
      '    documents: "vendors/acme/**"',
      '    question: PAUT-8',
      '    justification: MFA is enforced by the jump host in front of the device.',
      '    expires: 2099-12-31',
      '  - rule: CS-AUD-002',
      '    section: Security',
      '    justification: Syslog goes over a dedicated management VLAN.',
      '    expires: 2020-01-01',
    ].join('\n'),
    '/w/.dicomsec.yaml',
  );

  it('waives matching findings only, keeping the justification', () => {
    const out = applyWaivers([finding('MDS2-PAUT-004', 'PAUT-8'), finding('MDS2-PAUT-004', 'PAUT-9'), finding('MDS2-CONN-003', 'CONN-7')], '/w/vendors/acme/m.xlsx', config, '2026-11-25');
    expect(out.waived.map((f) => f.evidence[0]!.questionId)).toEqual(['PAUT-8']);
    expect(out.waived[0]!.waiver?.justification).toMatch(/jump host/);
    expect(out.findings.map((f) => f.evidence[0]!.questionId)).toEqual(['PAUT-9', 'CONN-7']);
    expect(applyWaivers([finding('MDS2-PAUT-004', 'PAUT-8')], '/w/vendors/other/m.xlsx', config, '2026-11-25').waived).toEqual([]);
  });

  it('stops applying an expired waiver and reports it with its line', () => {
    const out = applyWaivers([finding('CS-AUD-002', undefined, 'Security Profiles')], '/w/cs.pdf', config, '2026-11-25');
    expect(out.waived).toEqual([]);
    expect(out.findings).toHaveLength(1);
    expect(out.expired).toHaveLength(1);
    expect(out.expired[0]).toMatchObject({ ruleId: EXPIRED_WAIVER_RULE, evidence: [{ path: '/w/.dicomsec.yaml', line: 7 }] });
  });
});

describe('globs', () => {
  it('matches like other linters', () => {
    expect(matchesGlob('vendors/acme/mds2.xlsx', 'vendors/**')).toBe(true);
    expect(matchesGlob('vendors/acme/mds2.xlsx', 'vendors/*.xlsx')).toBe(false);
    expect(matchesGlob('vendors/acme/mds2.xlsx', 'vendors/**/*.{xlsx,csv}')).toBe(true);
    expect(matchesGlob('vendors/acme/mds2.xlsx', '*.xlsx')).toBe(true);
    expect(matchesGlob('vendors/acme/notes.md', '**/*.xlsx')).toBe(false);
  });
});

describe('the starter configuration (dicomsec init)', () => {
  it('shows every key of the schema, and is valid with all of them uncommented', async () => {
    const { starterConfig } = await import('../../server/src/config/starter.js');
    const schema = (await import('../../rules/schema/config.schema.json')).default as { properties: Record<string, unknown> };
    const text = starterConfig(['nsa-mnp', 'wg14-checklist']);
    const all = text
      .split('\n')
      .map((l) => (/^# ( {2,}\S.*|[a-z][a-zA-Z]*:.*)$/.test(l) ? l.slice(2) : l))
      .join('\n');
    const keys = [...all.matchAll(/^([a-z][a-zA-Z]*):/gm)].map((m) => m[1]);
    expect(new Set(keys)).toEqual(new Set(Object.keys(schema.properties)));
    const parsed = parseConfigText(all, '/w/.dicomsec.yaml');
    expect(parsed.trustNestedConfigs).toEqual(['vendors/our-own/**']);
    expect(parsed.overrides[0]!.files).toEqual(['vendors/northwind/**']);
  });
});
