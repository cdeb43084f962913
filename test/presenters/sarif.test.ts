// SARIF as GitHub code scanning reads it: relative URIs under %SRCROOT%, primaryLocationLineHash,
// running PDF lines, unreadable documents as notifications, the whole rule catalogue, ruleIndex.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/core/findings.js';
import type { ReviewReport } from '../../server/src/engine/report.js';
import { reviewPaths } from '../../server/src/engine/review.js';
import { summarize } from '../../server/src/engine/summary.js';
import { formatReport } from '../../server/src/presenters/index.js';
import { MAX_TAGS } from '../../server/src/presenters/sarif.js';
import { fullCatalog, type Catalog } from '../../server/src/rules/catalog.js';
import { makeRule } from '../helpers/models.js';
import { repoRoot } from '../helpers/corpus.js';

const manyMappings = { 'nsa-mnp': ['M4', 'M5'], wg14: ['encryption'], 'nist-800-53': ['SC-8', 'SC-13', 'SC-23', 'IA-5', 'AC-17', 'SC-12'], 'iec-80001-2-2': ['TXCF', 'TXIG', 'NAUT'] };
const rules = [
  makeRule({ id: 'MDS2-CONN-003', severity: 'error', frameworks: manyMappings }),
  makeRule({ id: 'CS-TLS-001', severity: 'warning', appliesTo: 'conformance-statement' }),
  makeRule({ id: 'CS-AUDIT-002', severity: 'info', appliesTo: 'conformance-statement' }),
  makeRule({ id: 'A-NEVER-FIRES', severity: 'info' }),
];
const catalog: Catalog = { packs: [], rules, get: (id) => rules.find((r) => r.id === id) };

const form = path.join(repoRoot, 'vendors', 'acme', 'mds2.xlsx');
const pdf = path.join(repoRoot, 'vendors', 'acme', 'cs.pdf');
const finding = (ruleId: string, evidence: Finding['evidence'][number], severity: Finding['severity'] = 'warning'): Finding => ({ ruleId, severity, message: `${ruleId} fired`, frameworks: {}, evidence: [evidence] });

function report(extra: Partial<ReviewReport> = {}, pdfPath = pdf): ReviewReport {
  const documents: ReviewReport['documents'] = [
    { path: form, kind: 'mds2', status: 'reviewed', findings: [finding('MDS2-CONN-003', { questionId: 'CONN-7', sheet: 'mds2-form', cell: 'C120', quote: 'No' }, 'error')], waived: [] },
    {
      path: pdfPath,
      kind: 'conformance-statement',
      status: 'reviewed',
      // Page 1 has 40 lines, page 2 has 35: line 4 of page 2 and line 4 of page 3 are lines 44 and 79.
      pageLines: [40, 35, 50],
      findings: [
        finding('CS-TLS-001', { section: 'Security', page: 2, line: 4, quote: 'TLS is not supported.' }),
        finding('CS-AUDIT-002', { section: 'Audit', page: 3, line: 4, quote: 'No audit trail.' }, 'info'),
        finding('CS-AUDIT-002', { section: 'Audit', page: 3, line: 9, quote: 'Logs are not kept.' }, 'info'),
      ],
      waived: [],
    },
    { path: path.join(repoRoot, 'vendors', 'broken.pdf'), kind: 'unknown', status: 'unreadable', error: 'the PDF is encrypted', reason: 'encrypted', findings: [], waived: [] },
  ];
  return { version: 1, documents, crossFindings: [], summary: summarize(documents, []), ...extra };
}

const sarif = (r: ReviewReport, options: { sarifRoot?: string; absolutePaths?: boolean; catalog?: Catalog } = {}) => JSON.parse(formatReport('sarif', r, { catalog, cwd: repoRoot, ...options }));
const resultOf = (log: { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] }, ruleId: string) => log.runs[0]!.results.filter((r) => r.ruleId === ruleId);

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('SARIF for GitHub code scanning', () => {
  it('gives URIs relative to the SARIF root under %SRCROOT%, whose absolute location ends with a slash', () => {
    const log = sarif(report());
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const loc = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(loc).toEqual({ uri: 'vendors/acme/mds2.xlsx', uriBaseId: '%SRCROOT%' });
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${repoRoot}/`);
    const rooted = sarif(report(), { sarifRoot: path.join(repoRoot, 'vendors') });
    expect(rooted.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('acme/mds2.xlsx');
    expect(rooted.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${repoRoot}/vendors/`);
  });

  it('makes a document outside the root absolute, marks it, and says so once in the run', () => {
    const log = sarif(report({}, '/elsewhere/cs.pdf'));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const outside = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CS-TLS-001').locations[0].physicalLocation.artifactLocation;
    expect(outside).toEqual({ uri: 'file:///elsewhere/cs.pdf', properties: { outsideSarifRoot: true } });
    const notes = log.runs[0].invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === 'DICOMSEC-OUTSIDE-SARIF-ROOT');
    expect(notes).toHaveLength(1);
    expect(notes[0].message.text).toMatch(/^1 document outside .*absolute/);
    expect(sarif(report()).runs[0].invocations[0].toolExecutionNotifications.some((n: { descriptor: { id: string } }) => n.descriptor.id === 'DICOMSEC-OUTSIDE-SARIF-ROOT')).toBe(false);
  });

  it('writes file: URIs and no base id when absolute paths are asked for', () => {
    const log = sarif(report(), { absolutePaths: true });
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${form}` });
    expect(log.runs[0].originalUriBaseIds).toBeUndefined();
  });

  it('derives primaryLocationLineHash from rule, document and question or section, not from the cell, line or quote', () => {
    const hash = (r: ReviewReport, ruleId = 'MDS2-CONN-003', n = 0) => sarif(r).runs[0].results.filter((x: { ruleId: string }) => x.ruleId === ruleId)[n].partialFingerprints.primaryLocationLineHash as string;
    const moved = report();
    Object.assign(moved.documents[0]!.findings[0]!.evidence[0]!, { cell: 'D240', quote: 'no (see note)' });
    expect(hash(moved)).toBe(hash(report()));
    const otherQuestion = report();
    otherQuestion.documents[0]!.findings[0]!.evidence[0]!.questionId = 'CONN-8';
    expect(hash(otherQuestion)).not.toBe(hash(report()));
    const otherDocument = report();
    otherDocument.documents[0]!.path = path.join(repoRoot, 'vendors', 'other', 'mds2.xlsx');
    expect(hash(otherDocument)).not.toBe(hash(report()));
    // Two findings of one rule in one section stay two alerts.
    expect(hash(report(), 'CS-AUDIT-002', 0)).not.toBe(hash(report(), 'CS-AUDIT-002', 1));
    expect(hash(report(), 'CS-AUDIT-002', 1)).toMatch(/^[0-9a-f]{16}:2$/);
  });

  it('keeps dicomsec\'s own fingerprint as before (rule, document, anchor, quote)', () => {
    const fp = (r: ReviewReport) => sarif(r).runs[0].results[0].partialFingerprints['dicomsecFinding/v1'];
    const moved = report();
    moved.documents[0]!.findings[0]!.evidence[0]!.cell = 'D240';
    expect(fp(moved)).toBe(fp(report()));
    expect(fp(report())).toMatch(/^[0-9a-f]{32}$/);
  });

  it('numbers PDF lines on across pages, keeping page and line in properties and message', () => {
    const log = sarif(report());
    const [tls] = resultOf(log, 'CS-TLS-001');
    const audits = resultOf(log, 'CS-AUDIT-002');
    expect(tls!.locations[0]!.physicalLocation.region.startLine).toBe(44);
    expect(audits.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([79, 84]);
    const loc = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CS-TLS-001').locations[0];
    expect(loc.properties).toMatchObject({ page: 2, line: 4 });
    expect(loc.message.text).toContain('p.2 l.4');
  });

  it('keeps lines of different pages apart even without page lengths', () => {
    const r = report();
    delete r.documents[1]!.pageLines;
    const lines = [...resultOf(sarif(r), 'CS-TLS-001'), ...resultOf(sarif(r), 'CS-AUDIT-002')].map((x) => x.locations[0]!.physicalLocation.region.startLine);
    expect(new Set(lines).size).toBe(3);
  });

  it('reports an unreadable document as an error notification of a failed run, not as a result', () => {
    const log = sarif(report());
    const run = log.runs[0];
    expect(run.results.some((r: { ruleId: string }) => r.ruleId === 'DICOMSEC-UNREADABLE')).toBe(false);
    expect(run.invocations[0].executionSuccessful).toBe(false);
    const note = run.invocations[0].toolExecutionNotifications.find((n: { descriptor: { id: string } }) => n.descriptor.id === 'DICOMSEC-UNREADABLE');
    expect(note).toMatchObject({ level: 'error', properties: { reason: 'encrypted' } });
    expect(note.message.text).toBe('vendors/broken.pdf could not be reviewed: the PDF is encrypted');
    expect(note.locations[0].physicalLocation.artifactLocation.uri).toBe('vendors/broken.pdf');
    expect(run.tool.driver.notifications.map((d: { id: string }) => d.id)).toContain('DICOMSEC-UNREADABLE');
    const clean = report();
    clean.documents.pop();
    expect(sarif(clean).runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('lists every rule of the catalogue, fired or not, in the same order, and results point at theirs by ruleIndex', () => {
    const log = sarif(report());
    const ids = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(['A-NEVER-FIRES', 'CS-AUDIT-002', 'CS-TLS-001', 'MDS2-CONN-003', 'DICOMSEC-WAIVER-EXPIRED']);
    const shuffled: Catalog = { ...catalog, rules: [...rules].reverse() };
    const none = report();
    for (const d of none.documents) d.findings = [];
    expect(sarif(none, { catalog: shuffled }).runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ids);
    for (const r of log.runs[0].results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
  });

  it('gives a rule at most 10 tags, the plans first, and keeps the whole mapping in properties', () => {
    const rule = sarif(report()).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'MDS2-CONN-003');
    expect(rule.properties.tags).toHaveLength(MAX_TAGS);
    expect(rule.properties.tags.slice(0, 4)).toEqual(['security', 'nsa-mnp:M4', 'nsa-mnp:M5', 'wg14:encryption']);
    expect(rule.properties.frameworks).toEqual(manyMappings);
  });

  it('gives every rule of the built-in packs at most 10 tags and a valid log', () => {
    const full = fullCatalog();
    const log = sarif(report(), { catalog: full });
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const driverRules = log.runs[0].tool.driver.rules as { id: string; properties: { tags: string[] } }[];
    expect(driverRules.length).toBeGreaterThan(full.rules.length);
    for (const id of full.rules.map((r) => r.id)) expect(driverRules.some((r) => r.id === id)).toBe(true);
    for (const r of driverRules) expect(r.properties.tags.length).toBeLessThanOrEqual(MAX_TAGS);
  });
});

describe('SARIF lines of a real PDF (samples/)', () => {
  it('records each page\'s length at review and maps every page and line to its own running line', async () => {
    const file = path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-conformance.pdf');
    const r = await reviewPaths([file], { config: { root: repoRoot, none: true } });
    const doc = r.documents[0]!;
    expect(doc.status).toBe('reviewed');
    expect(doc.pageLines).toHaveLength(3);
    const log = sarif(r, { catalog: fullCatalog() });
    const byPlace = new Map<string, number>();
    for (const res of log.runs[0].results as { locations: { physicalLocation: { region: { startLine: number } }; properties: { page: number; line: number } }[] }[]) {
      const { page, line } = res.locations[0]!.properties;
      const offset = doc.pageLines!.slice(0, page - 1).reduce((a, b) => a + b, 0);
      expect(res.locations[0]!.physicalLocation.region.startLine).toBe(offset + line);
      byPlace.set(`${page}:${line}`, res.locations[0]!.physicalLocation.region.startLine);
    }
    expect(new Set([...byPlace.keys()].map((k) => k.split(':')[0])).size).toBeGreaterThan(1);
    expect(new Set(byPlace.values()).size).toBe(byPlace.size);
  });
});
