import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFor, findConfigFile, parseConfigText } from '../../server/src/config/config.js';
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
  it('is found by walking up from the document; the nearest file wins', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dicomsec-config-'));
    mkdirSync(path.join(root, 'vendors', 'acme'), { recursive: true });
    writeFileSync(path.join(root, '.dicomsec.yaml'), 'failOn: warning\n');
    writeFileSync(path.join(root, 'vendors', 'acme', 'mds2.xlsx'), 'x');
    expect(findConfigFile(path.join(root, 'vendors', 'acme', 'mds2.xlsx'))).toBe(path.join(root, '.dicomsec.yaml'));
    expect(configFor(path.join(root, 'vendors', 'acme', 'mds2.xlsx')).failOn).toBe('warning');
    writeFileSync(path.join(root, 'vendors', '.dicomsec.yml'), 'failOn: info\n');
    expect(configFor(path.join(root, 'vendors', 'acme', 'mds2.xlsx')).failOn).toBe('info');
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
