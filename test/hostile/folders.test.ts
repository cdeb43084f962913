// Every generated hostile vendor folder (scripts/hostile/folders.ts) through the real CLI, under the
// no-network guard, and through the language server: exactly the right documents are reviewed with
// the same findings as the same document in a clean folder, every file passed over is listed with
// its reason, the vendor's configuration is named and never applied, nothing outside the tree is
// read, reported or published, and no control character reaches the terminal.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generateHostileFolders, markdownToRst, type FolderCase, type SeedName } from '../../scripts/hostile/folders.js';
import { healthySeeds } from '../../scripts/hostile/generate.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { startHarness } from '../lsp/harness.js';

const work = path.join(repoRoot, 'test', '.tmp', `folders-${process.pid}`);
const STACK = /\n\s+at .+[:(]\d+/;
// C0 controls other than tab and newline, DEL, C1 controls, and the bidirectional overrides/isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNREADABLE = 'DICOMSEC-UNREADABLE';

interface Report {
  notices?: { kind: string; file: string }[];
  documents: { path: string; status: string; error?: string; findings: { ruleId: string }[] }[];
  skipped: { path: string; reason: string }[];
}

const seeds = healthySeeds();
const cases: FolderCase[] = generateHostileFolders(path.join(work, 'folders'), seeds);
/** Rule ids each healthy seed yields when reviewed alone in a clean folder. */
const baseline = new Map<SeedName, string[]>();

const rel = (dir: string, p: string) => path.relative(dir, path.resolve(work, p)).split(path.sep).join('/');
const ruleIds = (d: Report['documents'][number]) => [...new Set(d.findings.map((f) => f.ruleId))].sort();
const lint = (args: string[]) => runCli(['lint', ...args], { cwd: path.join(work, 'folders'), env: { NO_COLOR: '1' } });

beforeAll(async () => {
  const clean = path.join(work, 'clean');
  mkdirSync(clean, { recursive: true });
  writeFileSync(path.join(clean, 'cs.md'), seeds.md);
  writeFileSync(path.join(clean, 'cs.pdf'), seeds.pdf);
  writeFileSync(path.join(clean, 'form.xlsx'), seeds.xlsx);
  writeFileSync(path.join(clean, 'cs.rst'), markdownToRst(seeds.md));
  const r = await runCli(['lint', '--format', 'json', 'clean'], { cwd: work, env: { NO_COLOR: '1' } });
  const report = JSON.parse(r.stdout) as Report;
  for (const [seed, file] of [['md', 'cs.md'], ['pdf', 'cs.pdf'], ['xlsx', 'form.xlsx'], ['rst', 'cs.rst']] as const) {
    const d = report.documents.find((x) => path.basename(x.path) === file)!;
    expect(d.findings.length, file).toBeGreaterThan(0);
    baseline.set(seed, ruleIds(d));
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile vendor folders through the CLI', () => {
  it('covers every folder-level attack class', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(
      ['config-40k-unknown-rules', 'control-characters-in-name', 'notes-beside-documents', 'sphinx-tricks', 'symlink-inside', 'symlink-loop', 'symlink-outside-folder', 'symlink-passwd', 'too-deep', 'tool-folders', 'vendor-config'].sort(),
    );
  });

  for (const c of cases) {
    it(`${c.name}: ${c.attack}`, async () => {
      const r = await lint(['--format', 'json', c.name]);
      expect(r.net, 'network use').toEqual([]);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(c.expect.code);
      const report = JSON.parse(r.stdout) as Report;

      const reviewed = Object.fromEntries(report.documents.map((d) => [rel(c.dir, d.path), d]));
      expect(Object.keys(reviewed).sort()).toEqual(Object.keys(c.expect.reviewed).sort());
      for (const [file, seed] of Object.entries(c.expect.reviewed)) {
        const d = reviewed[file]!;
        expect(d.status, `${file}: ${d.error ?? ''}`).toBe('reviewed');
        // The vendor's moves change nothing: the same document yields the same rules as in a clean folder.
        expect(ruleIds(d), file).toEqual(baseline.get(seed));
      }

      const skipped = Object.fromEntries(report.skipped.map((s) => [rel(c.dir, s.path), s.reason]));
      expect(skipped).toMatchObject(c.expect.skipped);
      expect((report.notices ?? []).map((n) => n.kind).filter((k) => k !== 'unpaired')).toEqual(c.expect.notices);
      for (const text of c.expect.absent) expect(r.stdout + r.stderr, `${text} leaked`).not.toContain(text);

      // What a terminal shows: the same outcome, and no character that moves, colours or reorders it.
      const stylish = await lint([c.name]);
      expect(stylish.code).toBe(c.expect.code);
      expect(stylish.stdout).not.toMatch(CONTROL);
      expect(stylish.stderr).not.toMatch(CONTROL);
      expect(stylish.stderr).not.toMatch(STACK);
      for (const text of c.expect.absent) expect(stylish.stdout + stylish.stderr, `${text} leaked`).not.toContain(text);
    }, 120_000);
  }
});

describe('hostile vendor folders through the language server', () => {
  for (const c of cases) {
    it(`${c.name}: the healthy documents get diagnostics, nothing outside the tree is read or published`, async () => {
      const h = await startHarness({ rootDir: c.dir });
      const inTree = pathToFileURL(c.dir).href + '/';
      const seen = new Map<string, Diagnostic[]>();
      const want = Object.keys(c.expect.reviewed).map((f) => pathToFileURL(path.join(c.dir, f)).href);
      try {
        // The client pulls again after each answer, as VS Code does, until every document is in.
        for (let i = 0; i < 10 && !want.every((u) => seen.has(u)); i++) {
          const res = (await h.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: { uri: string; kind: string; items?: Diagnostic[] }[] };
          for (const item of res.items) if (item.kind === 'full') seen.set(item.uri, item.items ?? []);
        }
        for (const u of want) {
          const items = seen.get(u);
          expect(items?.length, u).toBeGreaterThan(0);
          expect(items!.filter((d) => d.code === UNREADABLE), u).toEqual([]);
          // The editor is steered no more than the CLI: the same rules as the clean review (cross-document
          // X- rules depend on which documents sit together, so they are left out of the comparison).
          const seed = c.expect.reviewed[path.relative(c.dir, fileURLToPath(u)).split(path.sep).join('/')]!;
          expect([...new Set(items!.map((d) => String(d.code)).filter((code) => !code.startsWith('X-')))].sort(), u).toEqual(baseline.get(seed));
        }
        const uris = [...seen.keys(), ...h.published.keys()];
        expect(uris.filter((u) => !u.startsWith(inTree))).toEqual([]);
        const published: (Diagnostic[] | PublishDiagnosticsParams)[] = [...seen.values(), ...h.published.values()];
        const text = JSON.stringify(published) + h.logs.join('\n') + h.messages.join('\n');
        for (const t of c.expect.absent) expect(text, `${t} leaked`).not.toContain(t);
        expect(h.proc.exitCode).toBeNull();
      } finally {
        await h.close();
      }
    }, 120_000);
  }
});
