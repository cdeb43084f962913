// Configuration is the reviewer's, not the vendor's: a .dicomsec.yaml that a vendor ships inside
// the folder under review never changes the review (packs, rules, ignore, waivers, custom packs,
// failOn); a notice names it in every output. The reviewer's configuration can opt in by glob,
// and even then no custom pack is loaded from it. Through the CLI, as a pipeline runs it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/corpus.js';
import { EVIL_PACK, silencingConfig } from '../../scripts/hostile/folders.js';

interface Finding {
  ruleId: string;
  severity: string;
  evidence: { questionId?: string; section?: string; line?: number }[];
}
interface Report {
  config: string | null;
  /** Absent when there is nothing to say. */
  notices?: { kind: string; file: string; message: string; documents: string[] }[];
  documents: { path: string; config: string | null; findings: Finding[]; waived?: Finding[] }[];
}

function dicomsec(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'dicomsec.cjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (cwd: string, ...args: string[]) => {
  const r = dicomsec(cwd, 'lint', '--format', 'json', ...args);
  return { ...r, report: JSON.parse(r.stdout || '{}') as Report };
};

/** What a review says about each document: every finding, waived or not, by rule and place. */
const digest = (report: Report) =>
  report.documents.map((d) => ({
    doc: path.basename(d.path),
    findings: d.findings.map((f) => `${f.ruleId} ${f.severity} ${f.evidence[0]?.questionId ?? f.evidence[0]?.section ?? ''}`),
    waived: (d.waived ?? []).length,
  }));

// Configuration notices (pairing notices are another concern).
const notices = (report: Report) => (report.notices ?? []).filter((n) => n.kind !== 'unpaired');
const docOf = (report: Report, name: string) => report.documents.find((d) => path.basename(d.path) === name)!;
const formFindings = () => docOf(baseline.report, 'mds2.csv').findings;

const evilPack = EVIL_PACK;

let work: string;
let baseline: ReturnType<typeof json>;
let hostileYaml: string;

/** A reviewer's folder with a vendor's zip unpacked into vendor/ (an MDS2 form and a statement). */
function reviewerTree(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'vendor', 'docs'), { recursive: true });
  cpSync(path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-mds2.csv'), path.join(dir, 'vendor', 'mds2.csv'));
  cpSync(path.join(repoRoot, 'samples', 'northwind-imaging-nw-scope-200-conformance.md'), path.join(dir, 'vendor', 'docs', 'statement.md'));
  writeFileSync(path.join(dir, 'vendor', 'evil.yaml'), evilPack);
  return dir;
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'dicomsec-config-trust-'));
  const clean = reviewerTree('clean');
  baseline = json(clean, 'vendor');
  const ruleIds = [...new Set(baseline.report.documents.flatMap((d) => d.findings.map((f) => f.ruleId)))];
  // The vendor's config: every lever that could make the review look clean.
  hostileYaml = silencingConfig(ruleIds);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a .dicomsec.yaml inside the reviewed tree', () => {
  it('the baseline has findings and fails', () => {
    expect(baseline.code).toBe(1);
    expect(baseline.report.documents).toHaveLength(2);
    expect(baseline.report.documents.every((d) => d.findings.length > 0)).toBe(true);
    expect(notices(baseline.report)).toEqual([]);
    expect(baseline.report.config).toBeNull();
  });

  it('never changes the review or the exit code, and a notice names each file', () => {
    const dir = reviewerTree('hostile');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), hostileYaml);
    writeFileSync(path.join(dir, 'vendor', 'docs', '.dicomsec.yml'), hostileYaml);
    const r = json(dir, 'vendor');
    expect(r.code).toBe(baseline.code);
    expect(digest(r.report)).toEqual(digest(baseline.report));
    expect(r.report.documents.flatMap((d) => d.findings).some((f) => f.ruleId.startsWith('EVIL-'))).toBe(false);
    expect(r.report.documents.map((d) => d.config)).toEqual([null, null]);
    const top = path.join(dir, 'vendor', '.dicomsec.yaml');
    const deep = path.join(dir, 'vendor', 'docs', '.dicomsec.yml');
    expect(notices(r.report).map((n) => [n.kind, n.file])).toEqual([
      ['config-not-applied', top],
      ['config-not-applied', deep],
    ]);
    expect(notices(r.report)[0]!.documents.sort()).toEqual(r.report.documents.map((d) => d.path).sort());
    expect(r.stderr).toContain('notice: vendor/.dicomsec.yaml: configuration file inside the reviewed tree: not applied');
    expect(r.stderr).toContain('notice: vendor/docs/.dicomsec.yml:');

    const stylish = dicomsec(dir, 'lint', 'vendor');
    expect(stylish.code).toBe(baseline.code);
    expect(stylish.stdout).toMatch(/^configuration: none \(built-in defaults\)\nnotice {2}vendor\/\.dicomsec\.yaml: configuration file inside the reviewed tree/);

    const sarif = JSON.parse(dicomsec(dir, 'lint', 'vendor', '--format', 'sarif').stdout);
    const invocation = sarif.runs[0].invocations[0];
    expect(invocation.toolConfigurationNotifications.map((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      'vendor/.dicomsec.yaml',
      'vendor/docs/.dicomsec.yml',
    ]);
    expect(invocation.properties.configuration).toBeNull();

    const html = dicomsec(dir, 'lint', 'vendor', '--format', 'html').stdout;
    expect(html).toContain('Configuration: none (built-in defaults)');
    expect(html).toContain('vendor/.dicomsec.yaml: configuration file inside the reviewed tree');
  });

  it('is not applied under a folder reviewed from outside the working directory either', () => {
    const dir = reviewerTree('outside');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), hostileYaml);
    const elsewhere = path.join(work, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    const r = json(elsewhere, path.join(dir, 'vendor'));
    expect(r.code).toBe(baseline.code);
    expect(digest(r.report)).toEqual(digest(baseline.report));
    expect(notices(r.report).map((n) => n.file)).toEqual([path.join(dir, 'vendor', '.dicomsec.yaml')]);
  });

  it('a broken one does not break the run: it is never parsed', () => {
    const dir = reviewerTree('broken');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), 'rulez: {\n');
    const r = json(dir, 'vendor');
    expect(r.code).toBe(baseline.code);
    expect(digest(r.report)).toEqual(digest(baseline.report));
    expect(notices(r.report)).toHaveLength(1);
  });
});

describe("the reviewer's configuration", () => {
  it('governs with its failOn, rules, ignore and waivers from one resolution, also run from a subfolder', () => {
    const dir = reviewerTree('reviewer');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), hostileYaml);
    const first = formFindings()[0]!;
    writeFileSync(
      path.join(dir, '.dicomsec.yaml'),
      ['failOn: none', 'ignore: ["**/statement.md"]', 'waivers:', `  - { rule: ${first.ruleId}, documents: "vendor/mds2.csv", justification: Accepted for the pilot in an isolated VLAN. }`].join('\n'),
    );
    const r = json(dir, 'vendor');
    expect(r.code).toBe(0); // the reviewer's failOn, not the vendor's (also none here) nor the default
    expect(r.report.documents.map((d) => path.basename(d.path))).toEqual(['mds2.csv']);
    expect(docOf(r.report, 'mds2.csv').waived!.length).toBeGreaterThan(0);
    expect(docOf(r.report, 'mds2.csv').config).toBe(path.join(dir, '.dicomsec.yaml'));
    expect(r.report.config).toBe(path.join(dir, '.dicomsec.yaml'));
    // From a subfolder the same file governs everything, failOn included.
    mkdirSync(path.join(dir, 'notes'));
    const sub = json(path.join(dir, 'notes'), '../vendor');
    expect(sub.code).toBe(0);
    expect(digest(sub.report)).toEqual(digest(r.report));
  });

  it('opts in to a nested file by glob: it then governs its folder, but loads no custom pack', () => {
    const dir = reviewerTree('opt-in');
    const formRules = [...new Set(formFindings().map((f) => f.ruleId))];
    const vendorYaml = ['rules:', ...formRules.map((id) => `  ${id}: "off"`), 'customPacks: [evil.yaml]', 'failOn: none'].join('\n');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), vendorYaml);
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'trustNestedConfigs: ["vendor/*"]\n');
    const r = json(dir, 'vendor');
    const nested = path.join(dir, 'vendor', '.dicomsec.yaml');
    expect(r.report.documents.map((d) => d.config)).toEqual([nested, nested]);
    expect(docOf(r.report, 'mds2.csv').findings.filter((f) => formRules.includes(f.ruleId))).toEqual([]);
    expect(r.report.documents.flatMap((d) => d.findings).some((f) => f.ruleId.startsWith('EVIL-'))).toBe(false);
    expect(notices(r.report).map((n) => [n.kind, n.file])).toEqual([['custom-packs-not-loaded', nested]]);
    expect(r.code).toBe(0); // its failOn: none, by the reviewer's choice
    expect(r.stderr).toContain('notice: vendor/.dicomsec.yaml: trusted nested configuration: its customPacks are not loaded');
    const stylish = dicomsec(dir, 'lint', 'vendor');
    expect(stylish.stdout).toContain('[configuration: vendor/.dicomsec.yaml]');

    // A glob that does not reach the file trusts nothing.
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'trustNestedConfigs: ["others/**"]\n');
    const untrusted = json(dir, 'vendor');
    expect(digest(untrusted.report)).toEqual(digest(baseline.report));
    expect(untrusted.code).toBe(baseline.code);
  });

  it('--config wins over the look-up, and --no-config uses the built-in defaults', () => {
    const dir = reviewerTree('explicit');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), hostileYaml);
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'failOn: none\n');
    mkdirSync(path.join(dir, 'policy'));
    const some = formFindings()[0]!.ruleId;
    writeFileSync(path.join(dir, 'policy', 'strict.yaml'), `failOn: info\nrules:\n  ${some}: "off"\n`);
    const r = json(dir, 'vendor', '--config', 'policy/strict.yaml');
    expect(r.report.config).toBe(path.join(dir, 'policy', 'strict.yaml'));
    expect(r.report.documents.flatMap((d) => d.findings).some((f) => f.ruleId === some)).toBe(false);
    expect(r.code).toBe(1);
    const none = json(dir, 'vendor', '--no-config');
    expect(none.report.config).toBeNull();
    expect(digest(none.report)).toEqual(digest(baseline.report));
    expect(none.code).toBe(1);
    const missing = dicomsec(dir, 'lint', 'vendor', '--config', 'nope.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such configuration file: .*nope\.yaml/);
  });

  it('per-vendor overrides by glob change only that vendor', () => {
    const dir = reviewerTree('overrides');
    const some = formFindings()[0]!.ruleId;
    writeFileSync(path.join(dir, '.dicomsec.yaml'), `overrides:\n  - files: "vendor/*.csv"\n    rules:\n      ${some}: "off"\n`);
    const r = json(dir, 'vendor');
    expect(docOf(r.report, 'mds2.csv').findings.some((f) => f.ruleId === some)).toBe(false);
    const statement = (report: Report) => digest(report).find((d) => d.doc === 'statement.md');
    expect(statement(r.report)).toEqual(statement(baseline.report));
  });
});

describe('dicomsec print-config', () => {
  it('shows the configuration that governs a file, and the nested files it did not apply', () => {
    const dir = reviewerTree('print');
    writeFileSync(path.join(dir, 'vendor', '.dicomsec.yaml'), hostileYaml);
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'failOn: warning\npacks: {wg14-checklist: false}\n');
    const r = dicomsec(dir, 'print-config', 'vendor/mds2.csv');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toMatchObject({
      config: path.join(dir, '.dicomsec.yaml'),
      reviewerConfig: path.join(dir, '.dicomsec.yaml'),
      failOn: 'warning',
      packs: { 'nsa-mnp': true, 'wg14-checklist': false },
      customPacks: [],
      ignored: false,
      notices: [{ kind: 'config-not-applied', file: path.join(dir, 'vendor', '.dicomsec.yaml') }],
    });
    expect(Object.values(printed.rules)).toContain('off');
    writeFileSync(path.join(dir, '.dicomsec.yaml'), 'trustNestedConfigs: ["vendor/**"]\n');
    const trusted = JSON.parse(dicomsec(dir, 'print-config', 'vendor/mds2.csv').stdout);
    expect(trusted).toMatchObject({ config: path.join(dir, 'vendor', '.dicomsec.yaml'), nestedTrusted: true, customPacks: [], failOn: 'none', ignored: true });
    expect(trusted.notices.map((n: { kind: string }) => n.kind)).toEqual(['custom-packs-not-loaded']);
  });
});
