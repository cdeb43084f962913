// The lint command's conventions as a pipeline sees them: SARIF for GitHub (--sarif-root), JUnit
// and --fail-on, -o and repeated -f, --max-warnings, --color, stdin, one path convention.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { runCliSync } from '../helpers/cli.js';

const samples = path.join(repoRoot, 'samples');
const weakForm = path.join(samples, 'northwind-imaging-nw-scope-200-mds2.xlsx');
const weakPdf = path.join(samples, 'northwind-imaging-nw-scope-200-conformance.pdf');

function dicomsec(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}) {
  const r = runCliSync(args, { cwd: options.cwd, input: options.input, launcher: true, env: { NO_COLOR: '', FORCE_COLOR: '', ...options.env } });
  expect(r.net, 'network use').toEqual([]);
  return r;
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'dicomsec-conv-'));

describe('SARIF from the CLI', () => {
  it('makes URIs relative to --sarif-root under %SRCROOT%, numbers PDF lines on across pages, and lists the whole catalogue', () => {
    const log = JSON.parse(dicomsec(['lint', weakForm, weakPdf, '-f', 'sarif', '--sarif-root', samples, '--fail-on', 'none'], { cwd: tmpdir() }).stdout);
    const run = log.runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${samples}/`);
    const uris = new Set(run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }) => `${r.locations[0]!.physicalLocation.artifactLocation.uriBaseId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`));
    expect([...uris].sort()).toEqual(['%SRCROOT% northwind-imaging-nw-scope-200-conformance.pdf', '%SRCROOT% northwind-imaging-nw-scope-200-mds2.xlsx']);
    const catalogue = JSON.parse(dicomsec(['rules', '--format', 'json']).stdout).rules.map((r: { id: string }) => r.id);
    const driverIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(driverIds.slice(0, catalogue.length)).toEqual([...catalogue].sort());
    const pdfLines = run.results
      .filter((r: { locations: { properties: { page?: number } }[] }) => r.locations[0]!.properties.page !== undefined)
      .map((r: { locations: { physicalLocation: { region: { startLine: number } }; properties: { page: number; line: number } }[] }) => [r.locations[0]!.properties.page, r.locations[0]!.properties.line, r.locations[0]!.physicalLocation.region.startLine]);
    const later = pdfLines.filter(([page]: number[]) => page! > 1);
    expect(later.length).toBeGreaterThan(0);
    for (const [, line, start] of later) expect(start).toBeGreaterThan(line!);
  });

  it('refuses a --sarif-root that is not a folder', () => {
    const r = dicomsec(['lint', weakForm, '-f', 'sarif', '--sarif-root', path.join(tempDir(), 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dicomsec: --sarif-root: .*missing is not a folder\n$/);
  });

  it('reports an unreadable document as a failed run with an error notification, exit 2', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    cpSync(weakForm, path.join(dir, 'form.xlsx'));
    const r = dicomsec(['lint', '.', '-f', 'sarif'], { cwd: dir });
    expect(r.code).toBe(2);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.invocations[0].executionSuccessful).toBe(false);
    const unreadable = run.invocations[0].toolExecutionNotifications.filter((n: { descriptor: { id: string } }) => n.descriptor.id === 'DICOMSEC-UNREADABLE');
    expect(unreadable.map((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['broken.xlsx']);
    expect(run.results.length).toBeGreaterThan(10);
    expect(run.results.every((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'form.xlsx')).toBe(true);
  });
});
