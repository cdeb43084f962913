// Expands the CLI's inputs (files, folders, globs) into the documents to review.
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { globToRegExp, isGlob, matchesGlob } from '../core/glob.js';
import { configFor } from '../config/config.js';
import { rstMembers } from '../readers/rst-project.js';

export const SUPPORTED_EXTENSIONS = [
  'xlsx', 'xlsm', 'xls', 'ods', 'csv', 'pdf', 'docx', 'odt', 'md', 'markdown', 'txt', 'html', 'htm', 'xhtml', 'xml', 'rst', 'tex',
];
const supported = new Set(SUPPORTED_EXTENSIONS);
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.vscode-test', '.e2e']);

/** Folders discovery never enters (dot-folders, build and tool folders). */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || SKIP_DIRS.has(name);
}

export function isSupportedFile(file: string): boolean {
  const m = /\.([^./\\]+)$/.exec(file);
  return !!m && supported.has(m[1]!.toLowerCase());
}

function ignored(file: string): boolean {
  const config = configFor(file);
  if (config.ignore.length === 0) return false;
  const rel = path.relative(config.dir, file).split(path.sep).join('/');
  return config.ignore.some((g) => matchesGlob(rel, g));
}

function walk(dir: string, out: string[], depth = 0): void {
  if (depth > 32) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new UsageError(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code}`);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) walk(full, out, depth + 1);
    } else if (isSupportedFile(e.name) && !ignored(full)) {
      // Special files with a document's name (FIFOs, sockets) are kept: reading them fails closed.
      out.push(full);
    }
  }
}

function expandGlob(pattern: string, cwd: string): string[] {
  const normalized = pattern.split(path.sep).join('/');
  const firstMagic = normalized.search(/[*?{]/);
  const base = normalized.slice(0, normalized.lastIndexOf('/', firstMagic) + 1) || './';
  const baseDir = path.resolve(cwd, base);
  const re = globToRegExp(path.resolve(cwd, normalized).split(path.sep).join('/'));
  const all: string[] = [];
  try {
    walk(baseDir, all);
  } catch {
    return [];
  }
  return all.filter((f) => re.test(f.split(path.sep).join('/')));
}

/** Absolute, de-duplicated paths in a stable order. Unknown paths are a usage error. */
export function discoverDocuments(inputs: string[], cwd = process.cwd(), options: { allowEmptyFolders?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: Stats | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      // A folder named as input that holds no document (or a folder named like one, 'x.pdf') must
      // not pass as a clean review.
      const before = found.length;
      walk(abs, found);
      if (found.length === before && !options.allowEmptyFolders) {
        throw new UsageError(`no documents to review in ${input} (a folder; supported: ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(' ')})`);
      }
    } else if (st) found.push(abs); // an explicit file is reviewed whatever its name
    else if (isGlob(input)) {
      const matches = expandGlob(input, cwd);
      if (matches.length === 0) throw new UsageError(`no documents match ${input}`);
      found.push(...matches);
    } else throw new UsageError(`no such file or folder: ${input}`);
  }
  // Parts of a multi-file statement (a Sphinx tree's chapters and CSV tables) are reviewed as part
  // of the file that includes them, not on their own, unless named explicitly.
  const explicit = new Set(inputs.map((i) => path.resolve(cwd, i)));
  const members = rstMembers(found);
  return [...new Set(found)].filter((f) => explicit.has(f) || !members.has(f));
}
