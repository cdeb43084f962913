// A vendor folder laid out by an attacker, through the real CLI: every file discovery passes over
// is in the report with its reason (JSON `skipped`, the stylish summary line, SARIF notifications),
// symlinks never lead out of the tree and a target is reviewed once, the depth limit is reported,
// notes and manifests in a folder are skipped (a file named on the command line is still an
// error), --ignore-pattern leaves files out visibly, and a Sphinx tree claims only what it
// reaches: never a file outside it, never a workbook or a PDF, never itself through a cycle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthySeeds } from '../../scripts/hostile/generate.js';
import { markdownToRst } from '../../scripts/hostile/folders.js';

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.mjs');
const work = path.join(repoRoot, 'test', '.tmp', `discovery-${process.pid}`);
const seeds = healthySeeds();
const STACK = /\n\s+at .+[:(]\d+/;

beforeAll(() => mkdirSync(work, { recursive: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Skipped {
  path: string;
  reason: string;
  root?: string;
  detail?: string;
}
interface Report {
  documents: { path: string; status: string; kind: string; findings: { evidence: { path?: string; quote?: string }[] }[] }[];
  skipped: Skipped[];
  summary: { documents: number; unreadable: number; skipped: number };
}

function lint(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cli, 'lint', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; report: Report; stderr: string } {
  const r = lint(cwd, ['--format', 'json', '--fail-on', 'none', ...args], env);
  expect(r.stderr).not.toMatch(STACK);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

function folder(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = path.join(work, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), body);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

const rel = (dir: string, p: string) => path.relative(dir, p).split(path.sep).join('/');
const reasons = (dir: string, report: Report) => Object.fromEntries(report.skipped.map((s) => [rel(dir, s.path), s.reason]));
const reviewed = (dir: string, report: Report) => report.documents.map((d) => rel(dir, d.path)).sort();

const asRst = markdownToRst;

describe('discovery accounts for every file it passes over', () => {
  it('symlinks: never followed out of the tree; inside it, the target is reviewed once', () => {
    const outside = folder('outside', { 'secret-cs.md': seeds.md });
    const dir = folder('links', { 'cs.md': seeds.md, 'sub/form.xlsx': seeds.xlsx });
    symlinkSync(path.join(outside, 'secret-cs.md'), path.join(dir, 'leak.md'));
    symlinkSync(outside, path.join(dir, 'outside-folder'));
    symlinkSync(path.join(dir, 'cs.md'), path.join(dir, 'again.md'));
    symlinkSync(path.join(dir, 'sub'), path.join(dir, 'sub-again'));
    symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    symlinkSync(path.join(dir, 'missing.md'), path.join(dir, 'dangling.md'));
    const { report } = json(work, ['links']);
    expect(reviewed(dir, report)).toEqual(['cs.md', 'sub/form.xlsx']);
    expect(reasons(dir, report)).toMatchObject({
      'leak.md': 'symlink-outside-tree',
      'outside-folder': 'symlink-outside-tree',
      'again.md': 'symlink-duplicate',
      'sub-again': 'symlink-duplicate',
      'sub/loop': 'symlink-duplicate',
      'dangling.md': 'symlink-broken',
    });
    expect(JSON.stringify(report)).not.toContain('secret-cs.md');
    expect(report.summary.skipped).toBe(report.skipped.length);
  });

  it('a link to a file only reachable through it is reviewed under the target path', () => {
    const dir = folder('hidden-target', { '.vendor/cs.md': seeds.md });
    symlinkSync(path.join(dir, '.vendor', 'cs.md'), path.join(dir, 'statement.md'));
    const { report } = json(work, ['hidden-target']);
    expect(reviewed(dir, report)).toEqual(['.vendor/cs.md']);
    expect(reasons(dir, report)).toMatchObject({ '.vendor': 'dot-folder', 'statement.md': 'symlink-duplicate' });
  });

  it('dot folders, build folders, the depth limit and unsupported files are listed, in JSON and on the stylish summary line', () => {
    const deep = Array.from({ length: 34 }, (_, i) => `d${i}`).join('/');
    const dir = folder('layout', {
      'cs.md': seeds.md,
      '.hidden/form.xlsx': seeds.xlsx,
      'node_modules/pkg/cs.pdf': seeds.pdf,
      [`${deep}/buried.md`]: seeds.md,
      'diagram.png': 'png',
      'notes.yaml': '{}',
    });
    const { report } = json(work, ['layout']);
    expect(reviewed(dir, report)).toEqual(['cs.md']);
    const r = reasons(dir, report);
    expect(r).toMatchObject({ '.hidden': 'dot-folder', node_modules: 'build-folder', 'diagram.png': 'unsupported-extension', 'notes.yaml': 'unsupported-extension' });
    const depth = report.skipped.find((s) => s.reason === 'depth-limit');
    expect(depth && rel(dir, depth.path)).toBe(deep.split('/').slice(0, 33).join('/'));

    const stylish = lint(work, ['layout', '--fail-on', 'none']);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toMatch(/5 files skipped: .*1 depth-limit/);
    expect(stylish.stdout).toMatch(/d32\s+depth-limit: deeper than 32 folders/);

    const sarif = JSON.parse(lint(work, ['layout', '--format', 'sarif', '--fail-on', 'none']).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications as { descriptor: { id: string }; level: string; properties: { reason: string } }[];
    expect(notes.map((n) => n.properties.reason).sort()).toEqual(['build-folder', 'depth-limit', 'dot-folder', 'unsupported-extension', 'unsupported-extension']);
    expect(notes.find((n) => n.properties.reason === 'depth-limit')!.level).toBe('warning');
    expect(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'DICOMSEC-SKIPPED')).toBe(false);

    const junit = lint(work, ['layout', '--format', 'junit', '--fail-on', 'none']).stdout;
    expect(junit).toMatch(/<testsuite name="skipped files" tests="5"[^>]*skipped="5"/);
    const html = lint(work, ['layout', '--format', 'html', '--fail-on', 'none']).stdout;
    expect(html).toMatch(/Not reviewed \(5 skipped\)/);
  });

  it('a README or manifest in a folder is skipped, not an error; named on the command line it is an error; a folder of them is a usage error', () => {
    const dir = folder('with-notes', { 'cs.md': seeds.md, 'README.md': '# Delivery notes\n\nUnpack and install.\n', 'manifest.txt': 'files: 2\n' });
    const folderRun = json(work, ['with-notes']);
    expect(folderRun.code).toBe(0);
    expect(reviewed(dir, folderRun.report)).toEqual(['cs.md']);
    expect(folderRun.report.summary.unreadable).toBe(0);
    expect(reasons(dir, folderRun.report)).toMatchObject({ 'README.md': 'not-a-document', 'manifest.txt': 'not-a-document' });
    expect(folderRun.report.skipped.find((s) => s.reason === 'not-a-document')!.detail).toMatch(/^[^\n]{10,400}$/);

    const named = lint(work, ['with-notes/README.md', '--format', 'json']);
    expect(named.code).toBe(2);
    expect(JSON.parse(named.stdout).documents[0]).toMatchObject({ status: 'unreadable', reason: 'not-a-document' });

    folder('only-notes', { 'README.md': '# Notes\n\nNothing here.\n' });
    const empty = lint(work, ['only-notes']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no documents to review in only-notes/);
    expect(empty.stderr).not.toMatch(STACK);
  });

  it('fails closed on what cannot be read, even in a folder: corrupt and empty files stay unreadable', () => {
    folder('broken', { 'cs.md': seeds.md, 'empty.pdf': '', 'corrupt.xlsx': Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]) });
    const r = json(work, ['broken']);
    expect(r.code).toBe(2);
    expect(r.report.summary.unreadable).toBe(2);
    expect(r.report.skipped).toEqual([]);
  });

  it('--ignore-pattern leaves out files and folders, repeatable, listed as ignored; a pattern built to backtrack costs nothing', () => {
    const long = `${'a'.repeat(200)}.md`;
    const dir = folder('ignore', { 'cs.md': seeds.md, 'old/cs-2019.md': seeds.md, 'drafts/x.md': seeds.md, [long]: seeds.md });
    const { report } = json(work, ['ignore', '--ignore-pattern', 'ignore/old', '--ignore-pattern', '**/drafts/**', '--ignore-pattern', 'a*a*a*a*a*a*a*a*a*a*a*a*b']);
    expect(reviewed(dir, report)).toEqual([long, 'cs.md']);
    expect(reasons(dir, report)).toMatchObject({ old: 'ignored', drafts: 'ignored' });
    expect(report.skipped.find((s) => s.path.endsWith('old'))!.detail).toBe('--ignore-pattern ignore/old');
    // A pattern that leaves every document out is a usage error, not a clean run.
    const none = lint(work, ['ignore', '--ignore-pattern', '*.md']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no documents to review in ignore/);
    const named = lint(work, ['ignore/cs.md', '--ignore-pattern', 'ignore/*.md']);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/no documents to review: every input was skipped \(ignored\)/);
  });

  it('globs on the command line use the same linear matcher', () => {
    const dir = folder('globbed', { 'a/cs.md': seeds.md, 'b/form.xlsx': seeds.xlsx, 'c/notes.pdf': seeds.pdf });
    const { report } = json(work, ['globbed/{a,b}/*.{md,xlsx}']);
    expect(reviewed(dir, report)).toEqual(['a/cs.md', 'b/form.xlsx']);
    const none = lint(work, ['globbed/**/*.[q]']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no documents match/);
  });
});

describe('multi-file statements claim only what they reach', () => {
  const statement = asRst(seeds.md);

  it('a tree claims its toctree, include and csv-table files; files nothing reaches are documents of their own; figures are assets', () => {
    const dir = folder('sphinx', {
      'index.rst': 'Conformance Statement\n#####################\n\n.. toctree::\n\n   body\n\n.. figure:: arch.svg\n\n.. literalinclude:: sample.json\n',
      'body.rst': `${statement}\n\n.. csv-table:: Ports\n   :file: ports.csv\n`,
      'ports.csv': 'AE,Port\nSTORESCP,104\n',
      'arch.svg': '<svg/>',
      'sample.json': '{}',
      'chapters/unreferenced.rst': statement,
    });
    const { report } = json(work, ['sphinx']);
    expect(reviewed(dir, report)).toEqual(['chapters/unreferenced.rst', 'index.rst']);
    const r = reasons(dir, report);
    expect(r).toMatchObject({ 'body.rst': 'member-of', 'ports.csv': 'member-of', 'arch.svg': 'asset-of', 'sample.json': 'asset-of' });
    expect(rel(dir, report.skipped.find((s) => s.path.endsWith('body.rst'))!.root!)).toBe('index.rst');
  });

  it('never claims a file outside the tree (.., absolute, symlink), nor a workbook or a PDF', () => {
    const base = folder('escape', {
      'other-vendor/cs.md': seeds.md,
      'other-vendor/statement.rst': statement,
      'ours/index.rst':
        `${statement}\n\n.. include:: ../other-vendor/statement.rst\n\n.. include:: /etc/hostname\n\n.. include:: form.xlsx\n\n.. toctree::\n\n   cs.pdf\n   linked\n\n.. csv-table:: x\n   :file: form.xlsx\n`,
      'ours/form.xlsx': seeds.xlsx,
      'ours/cs.pdf': seeds.pdf,
    });
    symlinkSync(path.join(base, 'other-vendor', 'statement.rst'), path.join(base, 'ours', 'linked.rst'));
    const { report } = json(work, ['escape']);
    expect(reviewed(base, report)).toEqual(['other-vendor/cs.md', 'other-vendor/statement.rst', 'ours/cs.pdf', 'ours/form.xlsx', 'ours/index.rst']);
    expect(report.skipped.filter((s) => s.reason === 'member-of')).toEqual([]);
    // Nothing from outside the tree was read into it: no evidence points there.
    const index = report.documents.find((d) => d.path.endsWith('index.rst'))!;
    expect(index.findings.flatMap((f) => f.evidence).every((e) => !e.path || e.path.startsWith(path.join(base, 'ours')))).toBe(true);
  });

  it('an include cycle or a self-include never hides the document', () => {
    const cycle = folder('cycle', {
      'a.rst': `${statement}\n\n.. include:: b.rst\n`,
      'b.rst': 'More\n====\n\n.. include:: a.rst\n',
    });
    const r1 = json(work, ['cycle']);
    expect(r1.code).toBe(0);
    expect(reviewed(cycle, r1.report)).toEqual(['a.rst']);
    expect(reasons(cycle, r1.report)).toEqual({ 'b.rst': 'member-of' });

    const self = folder('self', { 'cs.rst': `${statement}\n\n.. include:: cs.rst\n` });
    const r2 = json(work, ['self']);
    expect(reviewed(self, r2.report)).toEqual(['cs.rst']);
    expect(r2.report.documents[0]!.status).toBe('reviewed');
  });

  it('an include on the last line, without a trailing newline, is read', () => {
    const dir = folder('last-line', {
      'index.rst': 'Conformance Statement\n#####################\n\n.. include:: body.rst',
      'body.rst': statement,
    });
    const { report } = json(work, ['last-line']);
    expect(reviewed(dir, report)).toEqual(['index.rst']);
    const doc = report.documents[0]!;
    expect(doc.status).toBe('reviewed');
    expect(doc.kind).toBe('conformance-statement');
    // Evidence points into the included file: its text was read.
    expect(doc.findings.some((f) => f.evidence.some((e) => e.path === path.join(dir, 'body.rst')))).toBe(true);
  });

  it('a directive scan of hostile rst stays bounded: huge lines, directive spam, deep toctree nesting', () => {
    const spam = Array.from({ length: 40_000 }, (_, i) => `${' '.repeat(i % 3000)}.. toctree::`).join('\n');
    const dir = folder('rst-spam', {
      'cs.md': seeds.md,
      'spam.rst': `Spam\n====\n\n${spam}\n`,
      'wide.rst': `Wide\n====\n\n.. include:: ${'x'.repeat(200_000)}\n\n${' '.repeat(100_000)}:file: y\n`,
      'blank.rst': `Blank\n=====\n${'\n'.repeat(500_000)}.. include:: cs.md\n`,
    });
    const { report, stderr } = json(work, ['rst-spam']);
    expect(stderr).toBe('');
    expect(reviewed(dir, report)).toContain('cs.md');
    // cs.md is a document of another kind: never claimed by blank.rst's include.
    expect(report.skipped.some((s) => s.path.endsWith('cs.md'))).toBe(false);
  });
});

describe('the cache keeps out of the vendor folder', () => {
  it('defaults to the user cache folder, never the working or linted folder', () => {
    const dir = folder('cache-default', { 'cs.md': seeds.md });
    const xdg = path.join(work, 'xdg');
    const r = lint(dir, ['.', '--cache', '--format', 'json', '--fail-on', 'none'], { XDG_CACHE_HOME: xdg });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(xdg, 'dicomsec', 'reviews.dicomsec-cache')).subarray(0, 16).toString()).toBe('dicomsec-cache-3');
    expect(JSON.parse(r.stdout).skipped).toEqual([]);
  });

  it('refuses a cache folder inside the linted folder, a symlinked one, and one others may write to', () => {
    const dir = folder('cache-refuse', { 'cs.md': seeds.md, '.cache/planted': 'x' });
    const inside = lint(work, ['cache-refuse', '--cache', '--cache-location', 'cache-refuse/.cache']);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/refusing the cache folder .* inside .*cache-refuse/);

    const target = path.join(work, 'cache-target');
    mkdirSync(target, { recursive: true, mode: 0o700 });
    symlinkSync(target, path.join(work, 'cache-link'));
    const linked = lint(work, ['cache-refuse/cs.md', '--cache', '--cache-location', 'cache-link']);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/refusing the cache folder .*symbolic link/);

    const open = path.join(work, 'cache-open');
    mkdirSync(open, { recursive: true });
    spawnSync('chmod', ['0777', open]);
    const shared = lint(work, ['cache-refuse/cs.md', '--cache', '--cache-location', 'cache-open']);
    expect(shared.code).toBe(2);
    expect(shared.stderr).toMatch(/others may write/);
    expect(readFileSync(path.join(dir, '.cache', 'planted'), 'utf8')).toBe('x');
  });

  it('never replaces or deletes what it did not write; a symlink in place of its file is refused', () => {
    folder('cache-foreign', { 'cs.md': seeds.md });
    const cacheDir = path.join(work, 'cache-foreign-dir');
    mkdirSync(path.join(cacheDir, 'ab'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(cacheDir, 'notes.txt'), 'keep me');
    writeFileSync(path.join(cacheDir, 'ab', `${'a'.repeat(64)}.bin`), 'keep me too');
    writeFileSync(path.join(cacheDir, 'reviews.dicomsec-cache.1.abc.tmp'), 'not ours');
    const victim = path.join(work, 'victim.txt');
    writeFileSync(victim, 'victim');
    symlinkSync(victim, path.join(cacheDir, 'reviews.dicomsec-cache'));
    const r = lint(work, ['cache-foreign', '--cache', '--cache-location', cacheDir, '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/not a regular file.*not used, not replaced/);
    expect(readFileSync(victim, 'utf8')).toBe('victim');
    expect(readFileSync(path.join(cacheDir, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(path.join(cacheDir, 'ab', `${'a'.repeat(64)}.bin`), 'utf8')).toBe('keep me too');
    expect(readFileSync(path.join(cacheDir, 'reviews.dicomsec-cache.1.abc.tmp'), 'utf8')).toBe('not ours');
  });
});
