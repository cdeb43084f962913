import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { summarize } from '../../server/src/engine/summary.js';
import { formatReport } from '../../server/src/presenters/index.js';
import type { Catalog } from '../../server/src/rules/catalog.js';
import type { CatalogRule } from '../../server/src/rules/rule.js';
import { makeRule } from '../helpers/models.js';
import { repoRoot } from '../helpers/corpus.js';

const rules: CatalogRule[] = [
  makeRule({ id: 'MDS2-CONN-003', severity: 'error', frameworks: { 'nsa-mnp': ['M4'], 'nist-800-53': ['SC-8'], 'iec-80001-2-2': ['TXCF'] } }),
  makeRule({ id: 'CS-TLS-001', severity: 'warning', appliesTo: 'conformance-statement', frameworks: { wg14: ['encryption'] } }),
  makeRule({ id: 'X-TLS-001', severity: 'info', appliesTo: 'cross' }),
];
const catalog: Catalog = { packs: [], rules, get: (id) => rules.find((r) => r.id === id) };

function report(cell = 'C120'): ReviewReport {
  const documents: ReviewReport['documents'] = [
    {
      path: path.join(repoRoot, 'vendors', 'acme', 'mds2.xlsx'),
      kind: 'mds2',
      status: 'reviewed',
      findings: [{ ruleId: 'MDS2-CONN-003', severity: 'error', message: 'No TLS <at all> & "none"', frameworks: rules[0]!.frameworks, evidence: [{ questionId: 'CONN-7', answer: 'no', section: 'CONN', sheet: 'mds2-form', cell, quote: 'No' }] }],
      waived: [{ ruleId: 'MDS2-CONN-003', severity: 'error', message: 'waived one', frameworks: {}, evidence: [{ questionId: 'TXCF-2', sheet: 'mds2-form', cell: 'C99' }], waiver: { justification: 'Dedicated VLAN with IPsec.' } }],
    },
    {
      path: path.join(repoRoot, 'vendors', 'acme', 'cs.pdf'),
      kind: 'conformance-statement',
      status: 'reviewed',
      findings: [{ ruleId: 'CS-TLS-001', severity: 'warning', message: 'No TLS for DIMSE', frameworks: {}, evidence: [{ section: 'Security', page: 12, line: 4, quote: 'TLS is not supported.' }] }],
      waived: [],
    },
    { path: path.join(repoRoot, 'vendors', 'broken.pdf'), kind: 'unknown', status: 'unreadable', error: 'the PDF is encrypted', findings: [], waived: [] },
  ];
  const crossFindings = [
    { ruleId: 'X-TLS-001', severity: 'info' as const, message: 'MDS2 claims TLS, statement has none', frameworks: {}, evidence: [{ path: documents[0]!.path, questionId: 'CONN-7' }, { path: documents[1]!.path, section: 'Security', page: 12, line: 4 }] },
  ];
  return { version: 1, documents, crossFindings, summary: summarize(documents, crossFindings) };
}

describe('SARIF', () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates against the official SARIF 2.1.0 schema', () => {
    const log = JSON.parse(formatReport('sarif', report(), { catalog, cwd: repoRoot }));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('has what GitHub code scanning needs', () => {
    const log = JSON.parse(formatReport('sarif', report(), { catalog, cwd: repoRoot }));
    const run = log.runs[0];
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'MDS2-CONN-003');
    expect(rule.shortDescription.text).toBeTruthy();
    expect(rule.fullDescription.text).toBeTruthy();
    expect(rule.help.text).toBeTruthy();
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['nist-800-53:SC-8', 'nsa-mnp:M4', 'iec-80001-2-2:TXCF']));
    expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
    const result = run.results.find((r: { ruleId: string; suppressions?: unknown[] }) => r.ruleId === 'MDS2-CONN-003' && !r.suppressions);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('vendors/acme/mds2.xlsx');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(120);
    expect(result.locations[0].logicalLocations[0]).toMatchObject({ name: 'CONN-7', kind: 'mds2Question' });
    expect(run.results.some((r: { ruleId: string }) => r.ruleId === 'DICOMSEC-UNREADABLE')).toBe(false);
    const unreadable = run.invocations[0].toolExecutionNotifications.find((n: { descriptor: { id: string } }) => n.descriptor.id === 'DICOMSEC-UNREADABLE');
    expect(unreadable.level).toBe('error');
    const waived = run.results.find((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(waived.suppressions[0]).toMatchObject({ kind: 'external', justification: 'Dedicated VLAN with IPsec.' });
    const cross = run.results.find((r: { ruleId: string }) => r.ruleId === 'X-TLS-001');
    expect(cross.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('vendors/acme/cs.pdf');
  });

  it('keeps fingerprints when the vendor moves the cell, and changes them for another question', () => {
    const fp = (r: ReviewReport) => JSON.parse(formatReport('sarif', r, { catalog, cwd: repoRoot })).runs[0].results[0].partialFingerprints;
    expect(fp(report('C120'))).toEqual(fp(report('D240')));
    const other = report();
    other.documents[0]!.findings[0]!.evidence[0]!.questionId = 'CONN-8';
    expect(fp(other)).not.toEqual(fp(report()));
  });
});

describe('JUnit', () => {
  it('is well-formed XML with a failure per finding and an error per unreadable document', () => {
    const text = formatReport('junit', report(), { catalog, cwd: repoRoot });
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(text);
    expect(doc.testsuites['@_tests']).toBe('4');
    expect(doc.testsuites['@_failures']).toBe('3');
    expect(doc.testsuites['@_errors']).toBe('1');
    expect(text).toContain('No TLS &lt;at all&gt; &amp; &quot;none&quot;');
  });

  it('fails only findings at or above the threshold of each document, and marks the others as passing below it', () => {
    const parse = (failOn: Parameters<typeof formatReport>[2]['failOn']) => new XMLParser({ ignoreAttributes: false }).parse(formatReport('junit', report(), { catalog, cwd: repoRoot, failOn }));
    expect(parse('error').testsuites['@_failures']).toBe('1');
    expect(parse('warning').testsuites['@_failures']).toBe('2');
    expect(parse('none').testsuites['@_failures']).toBe('0');
    // Per document: the statement's configuration fails on warnings; the cross finding follows its first evidence (the form: error).
    const perDoc = parse((doc) => (doc?.endsWith('cs.pdf') ? 'warning' : 'error'));
    expect(perDoc.testsuites['@_failures']).toBe('2');
    const suites = [perDoc.testsuites.testsuite].flat() as { '@_name': string; '@_failures': string; testcase: unknown }[];
    expect(suites.find((x) => x['@_name'] === 'cross-document')!['@_failures']).toBe('0');
    const text = formatReport('junit', report(), { catalog, cwd: repoRoot, failOn: 'error' });
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toMatch(/<testcase classname="vendors\/acme\/cs.pdf" name="CS-TLS-001[^"]*">\s*<properties>\s*<property name="dicomsec.severity" value="warning"\/>\s*<property name="dicomsec.failOn" value="error"\/>/);
    expect(text).toContain('warning, below --fail-on error: not a failure');
  });

  it('names the configuration that governed each document as a suite property', () => {
    const r = report();
    r.documents[0]!.config = path.join(repoRoot, 'reviewer', '.dicomsec.yaml');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(formatReport('junit', r, { catalog, cwd: repoRoot }));
    const suites = [doc.testsuites.testsuite].flat();
    const values = suites.filter((s: { properties?: unknown }) => s.properties).map((s: { properties: { property: { '@_value': string } } }) => s.properties.property['@_value']);
    expect(values[0]).toBe('reviewer/.dicomsec.yaml');
    expect(formatReport('junit', r, { catalog, cwd: repoRoot, absolutePaths: true })).toContain(`<testsuite name="${path.join(repoRoot, 'vendors', 'acme', 'mds2.xlsx')}"`);
    expect(values.slice(1).every((v: string) => v === 'none (built-in defaults)')).toBe(true);
  });
});

describe('JSON', () => {
  it('follows the documented contract', () => {
    const json = JSON.parse(formatReport('json', report(), { catalog }));
    expect(json.version).toBe(1);
    expect(Object.keys(json)).toEqual(['version', 'config', 'documents', 'crossFindings', 'skipped', 'summary']);
    expect(Object.keys(json.documents[0])).toEqual(['path', 'kind', 'status', 'config', 'findings', 'waived']);
    expect(json.documents[2]).toMatchObject({ status: 'unreadable', error: 'the PDF is encrypted', findings: [] });
    expect(json.documents[0].findings[0]).toMatchObject({ ruleId: 'MDS2-CONN-003', severity: 'error', evidence: [{ questionId: 'CONN-7', cell: 'C120' }], frameworks: { 'nist-800-53': ['SC-8'] } });
    expect(json.summary).toEqual({ documents: 3, reviewed: 2, unreadable: 1, findings: { error: 1, warning: 1, info: 1 }, waived: 1, skipped: 0 });
    expect(json.skipped).toEqual([]);
  });
});

describe('stylish', () => {
  it('prints location, severity, message and rule id, with colour only when asked', () => {
    const plain = formatReport('stylish', report(), { catalog, cwd: repoRoot, color: false });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(plain).toMatch(/CONN-7 mds2-form!C120\s+error\s+No TLS/);
    expect(plain).toMatch(/§ Security p\.12 l\.4\s+warning/);
    expect(plain).toContain('unreadable: the PDF is encrypted');
    expect(plain).toContain('waived: 1 finding (MDS2-CONN-003): Dedicated VLAN with IPsec.');
    expect(plain).toMatch(/3 documents, 3 findings \(1 error, 1 warning, 1 info\), 1 waived, 1 unreadable/);
    expect(formatReport('stylish', report(), { catalog, cwd: repoRoot, color: true })).toMatch(/\x1b\[31m/);
  });
});

describe('HTML report', () => {
  it('is self-contained and escapes every vendor string', () => {
    const r = report();
    r.documents[0]!.findings[0]!.evidence[0]!.quote = '<script>alert(1)</script>';
    const html = formatReport('html', r, { catalog, cwd: repoRoot });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/(?:src|href)="https?:/);
    expect(html).toContain('unreadable');
    expect(html).toContain('Dedicated VLAN with IPsec.');
    expect(html).toMatch(/nist-800-53:SC-8/);
  });

  it('names documents relative to the run\'s working directory, or absolute with --absolute-paths', () => {
    const r = report();
    r.skipped = [{ path: path.join(repoRoot, 'vendors', 'acme', 'notes.json'), reason: 'not-a-document' }];
    const vendors = path.join(repoRoot, 'vendors');
    const cells = (html: string) => [...html.matchAll(/<tr><td>(?:<a href="#doc-\d+">)?([^<]*)</g)].map((m) => m[1]);
    const relative = formatReport('html', r, { catalog, cwd: vendors }) as string;
    expect(cells(relative)).toEqual(expect.arrayContaining(['acme/mds2.xlsx', 'acme/cs.pdf', 'broken.pdf', 'acme/notes.json']));
    expect(relative).toContain('<p class="muted">acme/cs.pdf · conformance-statement');
    expect(relative).toContain('<div>acme/mds2.xlsx <strong>CONN-7</strong></div>'); // cross-document evidence
    expect(relative).not.toContain(vendors);
    const absolute = formatReport('html', r, { catalog, cwd: vendors, absolutePaths: true }) as string;
    const abs = (...parts: string[]) => path.join(vendors, ...parts).split(path.sep).join('/');
    expect(cells(absolute)).toEqual(expect.arrayContaining([abs('acme', 'mds2.xlsx'), abs('acme', 'cs.pdf'), abs('broken.pdf'), abs('acme', 'notes.json')]));
    expect(absolute).toContain(`<div>${abs('acme', 'mds2.xlsx')} <strong>CONN-7</strong></div>`);
    expect(absolute).not.toMatch(/<td>acme\//);
  });
});

describe('vendor questionnaire', () => {
  it('asks each rule\'s follow-up question once per document, citing what prompted it', () => {
    const r = report();
    r.documents[0]!.findings.push({ ...r.documents[0]!.findings[0]!, evidence: [{ questionId: 'CONN-8', cell: 'C121', sheet: 'mds2-form', quote: 'No' }] });
    const md = formatReport('questionnaire', r, { catalog, cwd: repoRoot });
    expect(md.match(/\*\*ask\*\*/g)).toHaveLength(3);
    expect(md).toMatch(/Regarding: CONN-7 mds2-form!C120 \(“No”\); CONN-8 mds2-form!C121/);
    expect(md).toContain('## Documents that could not be reviewed');
    expect(md).toContain('## Inconsistencies between documents');
  });
});
