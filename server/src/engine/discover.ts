// Expands the CLI's inputs (files, folders, globs) into the documents to review, and accounts for
// every file it passes over: a vendor folder is written by the party under review, so nothing in
// it may drop out of the report silently. Symlinks are never followed out of the tree; inside it
// a target is reviewed once. Folders are walked within a depth and an entry budget.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { compileGlob, isGlob, matchesGlob } from '../core/glob.js';
import type { SkippedFile } from './report.js';
import { configResolver, type ConfigSource, type GoverningConfig } from '../config/resolve.js';
import { rstClaims } from '../readers/rst-project.js';

export type { SkippedFile, SkipReason } from './report.js';
import { DOCUMENT_EXTENSIONS } from '../readers/formats.js';

export const SUPPORTED_EXTENSIONS = DOCUMENT_EXTENSIONS;
const supported = new Set(SUPPORTED_EXTENSIONS);
/** Folders that hold tools' output, not a vendor's documents (listed as skipped, never walked). */
const BUILD_DIRS = new Set(['node_modules', 'dist', '__pycache__']);
/** Folder nesting below an input folder that is walked; deeper folders are listed as skipped. */
export const MAX_DEPTH = 32;
/** Entries (files and folders) one run may visit; a larger tree is a usage error, never a partial review. */
export const MAX_ENTRIES = 200_000;

/** Folders discovery never enters (dot-folders, build and tool folders). */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || BUILD_DIRS.has(name);
}

export function isSupportedFile(file: string): boolean {
  const m = /\.([^./\\]+)$/.exec(file);
  return !!m && supported.has(m[1]!.toLowerCase());
}

export interface DiscoverOptions {
  /** The language server's workspace listing: a folder without documents is not an error. */
  allowEmptyFolders?: boolean;
  /** Globs of files and folders not to review (`--ignore-pattern`), relative to cwd. */
  ignorePatterns?: string[];
  /** Where the reviewer's configuration (its `ignore`) comes from; default: looked up from cwd. */
  config?: ConfigSource;
}

export interface Discovery {
  /** Absolute, de-duplicated paths in a stable order. */
  documents: string[];
  /** Everything passed over, with the reason, sorted by path. */
  skipped: SkippedFile[];
  /** Documents named on the command line (not found in a folder or by a glob). */
  explicit: Set<string>;
  /** For each document found in a folder or by a glob, the input that found it. */
  foundBy: Map<string, string>;
}

const toSlash = (p: string) => p.split(path.sep).join('/');

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

interface Walk {
  cwd: string;
  ignorePatterns: string[];
  /** The configuration governing each file (config/resolve.ts: the reviewer's), folder by folder. */
  governing: (file: string) => GoverningConfig;
  skipped: SkippedFile[];
  visited: number;
}

function ignoredByPattern(w: Walk, full: string, folder: boolean): string | undefined {
  if (w.ignorePatterns.length === 0) return undefined;
  const rel = toSlash(path.relative(w.cwd, full));
  return w.ignorePatterns.find((g) => matchesGlob(rel, g) || (folder && matchesGlob(`${rel}/`, g)));
}

function ignoredByConfig(w: Walk, file: string): boolean {
  const config = w.governing(file).config;
  if (config.ignore.length === 0) return false;
  const rel = toSlash(path.relative(config.dir, file));
  return config.ignore.some((g) => matchesGlob(rel, g));
}

/** A candidate document: where it was found, and the file it really is. */
interface Candidate {
  path: string;
  /** The symlink it was reached through, if any. */
  link?: string;
}

/**
 * Walks one input folder. `root` is the folder as named, `realRoot` its real path: symlinks are
 * judged against it, and a link's target is reviewed under its path inside the tree.
 */
function walk(w: Walk, root: string, realRoot: string, dir: string, out: Candidate[], depth: number): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (dir === root) throw new UsageError(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code}`);
    w.skipped.push({ path: dir, reason: 'unreadable-folder', detail: `cannot be listed (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  w.visited += entries.length;
  if (w.visited > MAX_ENTRIES) {
    throw new UsageError(`more than ${MAX_ENTRIES} files and folders under ${root} (limit); lint its subfolders, or leave parts out with --ignore-pattern`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isSymbolicLink()) {
      link(w, root, realRoot, full, out);
      continue;
    }
    if (e.isDirectory()) {
      const pattern = ignoredByPattern(w, full, true);
      if (pattern) w.skipped.push({ path: full, reason: 'ignored', detail: `--ignore-pattern ${pattern}` });
      else if (e.name.startsWith('.')) w.skipped.push({ path: full, reason: 'dot-folder' });
      else if (BUILD_DIRS.has(e.name)) w.skipped.push({ path: full, reason: 'build-folder' });
      else if (depth + 1 > MAX_DEPTH) w.skipped.push({ path: full, reason: 'depth-limit', detail: `deeper than ${MAX_DEPTH} folders` });
      else walk(w, root, realRoot, full, out, depth + 1);
      continue;
    }
    file(w, full, out);
  }
}

function file(w: Walk, full: string, out: Candidate[], link?: string): void {
  const shownAs = link ?? full;
  const pattern = ignoredByPattern(w, shownAs, false);
  if (pattern) w.skipped.push({ path: shownAs, reason: 'ignored', detail: `--ignore-pattern ${pattern}` });
  else if (!isSupportedFile(shownAs)) w.skipped.push({ path: shownAs, reason: 'unsupported-extension' });
  else if (ignoredByConfig(w, shownAs)) w.skipped.push({ path: shownAs, reason: 'ignored', detail: 'ignore in the configuration' });
  // Special files with a document's name (FIFOs, sockets) are kept: reading them fails closed.
  else out.push({ path: full, ...(link ? { link } : {}) });
}

function link(w: Walk, root: string, realRoot: string, full: string, out: Candidate[]): void {
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(full);
    st = statSync(real);
  } catch {
    w.skipped.push({ path: full, reason: 'symlink-broken' });
    return;
  }
  if (!inside(realRoot, real)) {
    w.skipped.push({ path: full, reason: 'symlink-outside-tree', detail: 'links out of the folder under review; not followed' });
    return;
  }
  const target = path.join(root, path.relative(realRoot, real));
  if (st.isDirectory()) {
    w.skipped.push({ path: full, reason: 'symlink-duplicate', detail: `a link to ${target}, which is reviewed where it is` });
    return;
  }
  // The target is reviewed under its own path, once, whatever links lead to it.
  file(w, target, out, full);
}

function expandGlob(w: Walk, pattern: string, cwd: string): Candidate[] {
  const normalized = toSlash(pattern);
  const firstMagic = normalized.search(/[*?{[]/);
  const base = normalized.slice(0, normalized.lastIndexOf('/', firstMagic) + 1) || './';
  const baseDir = path.resolve(cwd, base);
  const matcher = compileGlob(toSlash(path.resolve(cwd, normalized)));
  const all: Candidate[] = [];
  const own: Walk = { ...w, skipped: [] };
  let realBase: string;
  try {
    realBase = realpathSync(baseDir);
    if (!lstatSync(realBase).isDirectory()) return [];
    walk(own, baseDir, realBase, baseDir, all, 0);
  } catch (err) {
    if (err instanceof UsageError && /limit/.test(err.message)) throw err;
    return [];
  }
  w.visited = own.visited;
  const matches = (p: string) => matcher.test(toSlash(p));
  // Files the glob names that were passed over are accounted for; folders skipped whole, too.
  const folderReasons = new Set(['dot-folder', 'build-folder', 'depth-limit', 'unreadable-folder']);
  for (const s of own.skipped) if (matches(s.path) || folderReasons.has(s.reason)) w.skipped.push(s);
  return all.filter((c) => matches(c.path));
}

/** Expands inputs into documents and skipped files. Unknown paths, and inputs that find nothing, are usage errors. */
export function discover(inputs: string[], cwd = process.cwd(), options: DiscoverOptions = {}): Discovery {
  const w: Walk = { cwd, ignorePatterns: options.ignorePatterns ?? [], governing: configResolver(options.config ?? { root: cwd }), skipped: [], visited: 0 };
  const candidates: Candidate[] = [];
  const explicit = new Set<string>();
  const foundBy = new Map<string, string>();
  const searched: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: Stats | undefined;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    const before = candidates.length;
    if (st?.isDirectory()) {
      walk(w, abs, realpathSync(abs), abs, candidates, 0);
      searched.push(input);
    } else if (st) {
      // An explicit file is reviewed whatever its name, unless the reviewer's pattern leaves it out.
      const pattern = ignoredByPattern(w, abs, false);
      if (pattern) w.skipped.push({ path: abs, reason: 'ignored', detail: `--ignore-pattern ${pattern}` });
      else {
        explicit.add(abs);
        candidates.push({ path: abs });
      }
    } else if (isGlob(input)) {
      candidates.push(...expandGlob(w, input, cwd));
      if (candidates.length === before && !options.allowEmptyFolders) throw new UsageError(`no documents match ${input}`);
      searched.push(input);
    } else throw new UsageError(`no such file or folder: ${input}`);
    for (let i = before; i < candidates.length; i++) if (!explicit.has(candidates[i]!.path) && !foundBy.has(candidates[i]!.path)) foundBy.set(candidates[i]!.path, input);
  }

  // Each file once: a target reached directly wins over links to it; other links are duplicates.
  const documents: string[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.link) w.skipped.push({ path: c.link, reason: 'symlink-duplicate', detail: `a link to ${c.path}, which is reviewed under its own path` });
    if (seen.has(c.path)) continue;
    seen.add(c.path);
    documents.push(c.path);
  }

  // Parts of a multi-file statement (a Sphinx tree's chapters and CSV tables) are reviewed as part
  // of the file that includes them, not on their own, unless named explicitly; its figures and
  // code samples are assets, not documents.
  const others = w.skipped.filter((s) => s.reason === 'unsupported-extension').map((s) => s.path);
  const claims = rstClaims(documents, others);
  const kept: string[] = [];
  if (claims.size === 0) kept.push(...documents);
  else {
    // Claims are keyed by real path; reports name files as discovery found them.
    const shown = new Map(documents.map((d) => [realOf(d), d]));
    const claimOf = (file: string) => {
      const c = claims.get(realOf(file));
      return c && { ...c, root: shown.get(c.root) ?? c.root };
    };
    const describe = (kind: string, root: string) => `${kind === 'member-of' ? 'part' : 'an asset'} of the statement ${path.relative(cwd, root) || root}`;
    for (const d of documents) {
      const claim = explicit.has(d) ? undefined : claimOf(d);
      if (claim) w.skipped.push({ path: d, reason: claim.kind, root: claim.root, detail: describe(claim.kind, claim.root) });
      else kept.push(d);
    }
    for (const s of w.skipped) {
      const claim = s.reason === 'unsupported-extension' ? claimOf(s.path) : undefined;
      if (claim) Object.assign(s, { reason: claim.kind, root: claim.root, detail: describe(claim.kind, claim.root) });
    }
  }
  // The "no documents" check runs once membership is settled.
  if (!options.allowEmptyFolders) {
    for (const input of searched) {
      if (!kept.some((d) => foundBy.get(d) === input)) {
        const abs = path.resolve(cwd, input);
        if (!statSafe(abs)) throw new UsageError(`no documents match ${input} (every match is part of another document)`);
        const passed = w.skipped.filter((s) => inside(abs, s.path)).length;
        throw new UsageError(`no documents to review in ${input} (a folder${passed ? `; ${passed} files skipped` : ''}; supported: ${SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(' ')})`);
      }
    }
  }
  const skipped = dedupeSkipped(w.skipped);
  // Every input left out (an explicit file matched by --ignore-pattern): not a clean review either.
  if (kept.length === 0 && !options.allowEmptyFolders) {
    throw new UsageError(`no documents to review: every input was skipped (${[...new Set(skipped.map((s) => s.reason))].join(', ')})`);
  }
  return { documents: kept, skipped, explicit, foundBy };
}

function realOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function statSafe(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function dedupeSkipped(list: SkippedFile[]): SkippedFile[] {
  const byPath = new Map<string, SkippedFile>();
  for (const s of list) if (!byPath.has(s.path)) byPath.set(s.path, s);
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The documents only (the language server's workspace listing). */
export function discoverDocuments(inputs: string[], cwd = process.cwd(), options: DiscoverOptions = {}): string[] {
  return discover(inputs, cwd, options).documents;
}
