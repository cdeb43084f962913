// The file-format registry (readers/formats.ts) is the one list of formats. Discovery, the
// language server, the client, the fuzzer and the hostile generator read it in code; package.json
// cannot, so this test fails when its activation events or menus drift from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerOf, DOCUMENT_EXTENSIONS, extensionsWhere, FORMATS, LOADERS, textFormat, zipFormat } from '../../server/src/readers/formats.js';
import { isSupportedFile, SUPPORTED_EXTENSIONS } from '../../server/src/engine/discover.js';
import { hasReviewView, isBinaryPath, isTextPath } from '../../server/src/lsp/protocol.js';
import { fuzzTargets } from '../../scripts/fuzz.js';
import { repoRoot } from '../helpers/paths.js';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The extensions of a `**\/*.{a,b}` glob or a `=~ /^\.(a|b)$/i` when-clause. */
function globExtensions(glob: string): string[] {
  const m = /\*\.\{([^}]+)\}$/.exec(glob) ?? /\*\.([a-z0-9]+)$/.exec(glob);
  return m ? m[1]!.split(',') : [];
}
function whenExtensions(when: string): string[] {
  const m = /resourceExtname =~ \/\^\\\.\(([^)]+)\)\$\/i/.exec(when);
  return m ? m[1]!.split('|') : [];
}
const menu = (where: string, command: string) => (pkg.contributes.menus[where] as { command: string; when: string }[]).find((m) => m.command === command)!.when;

describe('file formats registry (readers/formats.ts)', () => {
  it('gives every extension to exactly one format, and every format a loader', () => {
    expect(DOCUMENT_EXTENSIONS.length).toBe(new Set(DOCUMENT_EXTENSIONS).size);
    expect(sorted(Object.keys(LOADERS))).toEqual(sorted(FORMATS.map((f) => f.id)));
    for (const ext of DOCUMENT_EXTENSIONS) expect(ext).toMatch(/^[a-z0-9]+$/);
  });

  it('discovery finds every format the readers read (tsv and dbk included)', () => {
    expect(sorted(SUPPORTED_EXTENSIONS)).toEqual(sorted(DOCUMENT_EXTENSIONS));
    for (const ext of DOCUMENT_EXTENSIONS) expect(isSupportedFile(`vendor/doc.${ext.toUpperCase()}`), ext).toBe(true);
    expect(isSupportedFile('vendor/notes.docm')).toBe(false);
  });

  it('the language server and client place every extension: from disk or from the editor, never both', () => {
    for (const ext of DOCUMENT_EXTENSIONS) {
      const p = `/w/doc.${ext}`;
      expect(isBinaryPath(p) !== isTextPath(p), ext).toBe(true);
    }
    expect(hasReviewView('/w/a.xlsx') && hasReviewView('/w/a.pdf')).toBe(true);
    expect(hasReviewView('/w/a.csv') || hasReviewView('/w/a.tsv') || hasReviewView('/w/a.md')).toBe(false);
    expect(isBinaryPath('/w/a.tsv') && isTextPath('/w/a.dbk') && isTextPath('/w/a.text')).toBe(true);
  });

  it("package.json activates on the formats an editor cannot show as text, and on MDS2 tables by name", () => {
    const contains = (pkg.activationEvents as string[]).filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
    const binary = contains.find((g) => g.startsWith('**/*.{'))!;
    expect(sorted(globExtensions(binary)), `expected workspaceContains:**/*.{${extensionsWhere('view').join(',')}}`).toEqual(sorted(extensionsWhere('view')));
    const tables = contains.find((g) => g.includes('mds2'))!;
    expect(sorted(globExtensions(tables)), `expected workspaceContains:**/*mds2*.{${extensionsWhere('table').join(',')}}`).toEqual(sorted(extensionsWhere('table')));
  });

  it("package.json's explorer menus offer every document format, the editor title only the review-view ones", () => {
    const all = `expected resourceExtname =~ /^\\.(${DOCUMENT_EXTENSIONS.join('|')})$/i`;
    expect(sorted(whenExtensions(menu('explorer/context', 'dicomsec.openReviewView'))), all).toEqual(sorted(DOCUMENT_EXTENSIONS));
    expect(sorted(whenExtensions(menu('explorer/context', 'dicomsec.reviewFile'))), all).toEqual(sorted(DOCUMENT_EXTENSIONS));
    const view = `expected resourceExtname =~ /^\\.(${extensionsWhere('view').join('|')})$/i`;
    expect(sorted(whenExtensions(menu('editor/title', 'dicomsec.openReviewView'))), view).toEqual(sorted(extensionsWhere('view')));
  });

  it('the fuzzer has a target for every format, named by its id', () => {
    const targets = fuzzTargets();
    expect(targets.map((t) => t.name)).toEqual(FORMATS.map((f) => f.id));
    for (const t of targets) {
      expect(t.seeds.length, t.name).toBeGreaterThan(0);
      // Each seed is what it claims: the container its format comes in.
      const format = FORMATS.find((f) => f.id === t.name)!;
      for (const s of t.seeds) expect(containerOf(s), t.name).toBe(format.container);
    }
  });

  it('the hostile generator writes an empty and a noise file for every extension', () => {
    const text = readFileSync(path.join(repoRoot, 'scripts', 'hostile', 'generate.ts'), 'utf8');
    expect(text).toMatch(/const EXTENSIONS = DOCUMENT_EXTENSIONS;/);
  });

  it('content decides: a .txt holding HTML reads as HTML, a .md holding HTML stays Markdown', () => {
    expect(textFormat('/w/a.txt', '<!DOCTYPE html><html><p>x</p></html>').id).toBe('html');
    expect(textFormat('/w/a.md', '<html><p>x</p></html>').id).toBe('markdown');
    expect(textFormat('/w/a.tsv', 'a\tb').id).toBe('csv');
    expect(textFormat('/w/a.dbk', '<article/>').id).toBe('xml');
    expect(textFormat('/w/noext', '<?xml version="1.0"?><article/>').id).toBe('xml');
    expect(textFormat('/w/noext', 'plain words').id).toBe('text');
    expect(zipFormat({ has: (n) => n === 'mimetype', readText: () => 'application/vnd.oasis.opendocument.spreadsheet' })?.id).toBe('ods');
    expect(zipFormat({ has: () => false, readText: () => '' })).toBeUndefined();
  });
});
