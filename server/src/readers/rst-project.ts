// A reStructuredText (Sphinx) statement is often a tree of files: an index with `toctree`
// entries, `include`s and CSV tables kept in separate files. This assembles such a tree into one
// text, remembering for every line which file and line it came from, so evidence can point at
// the real file; and it tells discovery which files a tree claims (its members, reviewed as part
// of it, and its assets: figures, code samples), so they are not reviewed on their own.
//
// The tree is the vendor's, so every step is bounded and stays inside the root's folder: targets
// are resolved and judged by their real path (no `..`, absolute path or symlink leads out), a file
// is read once (an include cycle or a self-include ends there), only text pieces are members (a
// workbook or a PDF is never swallowed), the directive scan reads capped lines of capped files in
// one pass, and toctree globs use the linear-time matcher.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UnreadableError } from '../core/errors.js';
import { compileGlob } from '../core/glob.js';
import { FileReadError, readTextBounded } from '../core/read-file.js';
import { limits } from '../core/limits.js';
import { readRst } from './rst.js';
import type { TextLine, TextSource } from './source.js';

export interface LineOrigin {
  file: string;
  line: number;
}

type ReferenceKind = 'toctree' | 'include' | 'literalinclude' | 'csv-file' | 'asset';

interface Reference {
  kind: ReferenceKind;
  target: string;
  /** 0-based index of the line that holds the reference. */
  index: number;
  /** A toctree entry under `:glob:` (a pattern). */
  glob?: boolean;
}

/** Files larger than this are not scanned for references (they claim nothing; still read as documents). */
export const MAX_SCAN_BYTES = 4 * 1024 * 1024;
/** Lines longer than this are never directives (skipped by the scan). */
export const MAX_SCAN_LINE = 4096;
/** Files one tree may pull in, and entries one toctree glob may expand to. */
const MAX_TREE_FILES = 2000;
/** Nesting of includes and toctrees read. */
const MAX_NESTING = 20;
/** Reference resolutions discovery spends on claims in one run; past it, files stay documents. */
const MAX_CLAIM_STEPS = 200_000;

const DIRECTIVE = /^([ \t]*)\.\.[ \t]+([\w-]+)::[ \t]*(.*)$/;
const OPTION = /^[ \t]*:([\w-]+):[ \t]*(.*)$/;
const ASSET_DIRECTIVES = new Set(['image', 'figure', 'literalinclude', 'raw', 'download']);

/** Extensions a tree's prose pieces have (`include`, `toctree`), and its tables (`csv-table :file:`). */
const PROSE = new Set(['rst', 'rest', 'txt', 'inc', '']);
const TABLES = new Set(['csv', 'tsv', 'txt']);
/**
 * Formats that are documents in their own right (workbooks, PDFs, word-processor files): never
 * claimed by a tree, even as a figure. A text file shown as a code sample (`literalinclude`) or a
 * figure in any other format is an asset: listed as skipped, not reviewed on its own.
 */
const STANDALONE = new Set(['xlsx', 'xlsm', 'xls', 'ods', 'pdf', 'docx', 'odt']);

const extOf = (file: string) => (/\.([^./\\]+)$/.exec(file)?.[1] ?? '').toLowerCase();

/** Whether a file reached by a reference of this kind may be part of (or an asset of) the tree. */
export function claimable(kind: ReferenceKind, file: string): boolean {
  const ext = extOf(file);
  if (kind === 'toctree' || kind === 'include') return PROSE.has(ext);
  if (kind === 'csv-file') return TABLES.has(ext);
  return !STANDALONE.has(ext);
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The references a file makes to other files, in order: one pass, capped lines. */
export function rstReferences(lines: string[]): Reference[] {
  const refs: Reference[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > MAX_SCAN_LINE) continue;
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    const name = m[2]!.toLowerCase();
    const arg = m[3]!.trim();
    if (name === 'include' || name === 'literalinclude' || ASSET_DIRECTIVES.has(name)) {
      const kind: ReferenceKind = name === 'include' ? 'include' : name === 'literalinclude' ? 'literalinclude' : 'asset';
      if (arg && name !== 'raw') refs.push({ kind, target: arg, index: i });
    }
    if (name !== 'toctree' && name !== 'csv-table' && name !== 'raw' && name !== 'include') continue;
    // The directive's block: options, then (toctree) entries. The scan resumes after it, so
    // every line is looked at once whatever the nesting.
    let glob = false;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim() === '') continue;
      if (indentOf(l) <= indent) break;
      if (l.length > MAX_SCAN_LINE) continue;
      const option = OPTION.exec(l);
      if (option) {
        if (option[1] === 'glob') glob = true;
        if (option[1] === 'file' && name === 'csv-table') refs.push({ kind: 'csv-file', target: option[2]!.trim(), index: j });
        if (option[1] === 'file' && name === 'raw') refs.push({ kind: 'asset', target: option[2]!.trim(), index: j });
        continue;
      }
      if (name !== 'toctree') break;
      // `Title <target>` or `target`; `self` and URLs are not files.
      const t = l.trim();
      const entry = t.endsWith('>') && t.includes('<') ? t.slice(t.lastIndexOf('<') + 1, -1).trim() : t;
      if (entry === 'self' || /^[a-z]+:\/\//i.test(entry)) continue;
      refs.push({ kind: 'toctree', target: entry, index: j, ...(glob ? { glob } : {}) });
    }
    if (name === 'toctree' || name === 'csv-table') i = j - 1;
  }
  return refs;
}

/** The files a reference names (a toctree glob names several). `/x` is relative to the root's folder, as in Sphinx. */
function resolveTarget(ref: Reference, fromFile: string, rootDir: string): string[] {
  const base = ref.target.startsWith('/') ? path.join(rootDir, ref.target) : path.resolve(path.dirname(fromFile), ref.target);
  if (ref.kind !== 'toctree') return [base];
  if (ref.glob && /[*?[]/.test(path.basename(base))) {
    // Sphinx toctree globs: a pattern on the names within one folder.
    const dir = path.dirname(base);
    const matcher = compileGlob(`${path.basename(base)}.rst`);
    try {
      return readdirSync(dir)
        .slice(0, MAX_TREE_FILES * 4)
        .filter((f) => matcher.test(f))
        .sort()
        .slice(0, MAX_TREE_FILES)
        .map((f) => path.join(dir, f));
    } catch {
      return [];
    }
  }
  return [/\.(rst|rest|txt|inc)$/i.test(base) ? base : `${base}.rst`];
}

function inside(rootDir: string, file: string): boolean {
  const rel = path.relative(rootDir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The real path of a regular file inside the root's (real) folder, or undefined. */
function realInside(file: string, rootDir: string): string | undefined {
  try {
    const real = realpathSync(file);
    if (!inside(rootDir, real) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/** Quick check: does this text reference other files at all? Linear: `[ \t]*` never crosses a line. */
export function hasFileReferences(text: string): boolean {
  return /^[ \t]*\.\.[ \t]+(toctree|include|csv-table)::|^[ \t]*:file:/m.test(text);
}

const splitLines = (text: string) => text.split(/\r\n|\r|\n/);

/**
 * Reads a Sphinx tree from its root as one TextSource. Each file is read on its own (so its
 * heading styles start afresh, as in Sphinx) and its headings are nested under the toctree that
 * lists it. Lines are numbered in reading order; `origins` maps them back to file and line.
 */
export function readRstProject(rootFile: string, rootText: string): TextSource {
  const rootReal = realpathSync(rootFile);
  const rootDir = path.dirname(rootReal);
  const seen = new Set<string>([rootReal]);
  const lines: TextLine[] = [];
  const origins: LineOrigin[] = [];
  let totalBytes = rootText.length;
  let blockBase = 0;

  const load = (kind: ReferenceKind, file: string): { real: string; text: string } | undefined => {
    if (!claimable(kind, file)) return undefined; // a workbook or a PDF is a document, not a chapter
    const real = realInside(file, rootDir);
    // A missing member is a gap in the statement, not a reason to fail it; the root itself and a
    // file already read (a cycle) are never read again.
    if (!real || seen.has(real)) return undefined;
    if (seen.size >= MAX_TREE_FILES) throw new UnreadableError(`the document tree has more than ${MAX_TREE_FILES} files (limit)`, 'limit');
    seen.add(real);
    let text: string;
    try {
      text = readTextBounded(real, limits.maxFileBytes);
    } catch (err) {
      if (err instanceof FileReadError && err.failure === 'too-large') throw new UnreadableError(`${path.basename(real)} in the document tree: ${err.message} (maxFileBytes)`, 'limit');
      return undefined; // a folder, a pipe or a vanished file is not a member
    }
    totalBytes += text.length;
    if (totalBytes > limits.maxDecompressedBytes) throw new UnreadableError(`the document tree is over ${limits.maxDecompressedBytes} bytes (limit)`, 'limit');
    return { real, text };
  };

  const emit = (file: string, text: string, depth: number, nesting: number): void => {
    if (nesting > MAX_NESTING) return;
    const raw = splitLines(text);
    // 1. Inline CSV tables kept in other files, so a table stays in its section.
    const expanded: string[] = [];
    const expandedOrigin: LineOrigin[] = [];
    const refsAt = new Map<number, Reference[]>();
    for (const r of rstReferences(raw)) {
      const list = refsAt.get(r.index);
      if (list) list.push(r);
      else refsAt.set(r.index, [r]);
    }
    const children: { at: number; files: string[]; include: boolean }[] = [];
    for (let i = 0; i < raw.length; i++) {
      const here = refsAt.get(i) ?? [];
      const csv = here.find((r) => r.kind === 'csv-file');
      if (csv) {
        const target = resolveTarget(csv, file, rootDir)[0]!;
        const body = load('csv-file', target);
        if (body !== undefined) {
          const indent = ' '.repeat(indentOf(raw[i]!));
          expanded.push('');
          expandedOrigin.push({ file, line: i + 1 });
          splitLines(body.text).forEach((row, n) => {
            expanded.push(`${indent}${row}`);
            expandedOrigin.push({ file: target, line: n + 1 });
          });
        }
        continue;
      }
      expanded.push(raw[i]!);
      expandedOrigin.push({ file, line: i + 1 });
      for (const r of here) {
        if (r.kind === 'toctree') children.push({ at: Infinity, files: resolveTarget(r, file, rootDir), include: false });
        else if (r.kind === 'include') children.push({ at: expanded.length, files: resolveTarget(r, file, rootDir), include: true });
        // literalinclude and figures: code samples and images, not prose.
      }
    }
    // 2. Read the file, then place includes at their line and toctree documents after it.
    const own = readRst(expanded.join('\n')).lines;
    let maxBlock = 0;
    const push = (l: TextLine) => {
      const origin = expandedOrigin[l.line - 1] ?? { file, line: l.line };
      const { endLine: _e, ...rest } = l;
      lines.push({
        ...rest,
        line: lines.length + 1,
        ...(l.heading !== undefined ? { heading: l.heading + depth } : {}),
        ...(l.block !== undefined ? { block: l.block + blockBase } : {}),
      });
      origins.push(origin);
      if (l.block !== undefined) maxBlock = Math.max(maxBlock, l.block);
    };
    const includes = children.filter((c) => c.include);
    let next = 0;
    const emitInclude = (c: { files: string[] }) => {
      for (const target of c.files) {
        const body = load('include', target);
        if (body !== undefined) emit(target, body.text, depth, nesting + 1);
      }
    };
    for (const l of own) {
      while (next < includes.length && includes[next]!.at < l.line) emitInclude(includes[next++]!);
      push(l);
    }
    // Includes after the file's last line of text (an include on the last line) are read too.
    while (next < includes.length) emitInclude(includes[next++]!);
    blockBase += maxBlock + 1;
    for (const c of children.filter((x) => !x.include)) {
      for (const target of c.files) {
        const body = load('toctree', target);
        if (body !== undefined) emit(target, body.text, depth + 1, nesting + 1);
      }
    }
  };

  emit(rootFile, rootText, 0, 0);
  return { kind: 'text', format: 'rst', lines, origins };
}

export interface Claim {
  /** member-of: reviewed as part of the root; asset-of: a figure or code sample of it. */
  kind: 'member-of' | 'asset-of';
  root: string;
}

/** A file's references, read once per run (capped: a huge file claims nothing). */
function scanner() {
  const cache = new Map<string, Reference[]>();
  return (file: string): Reference[] => {
    let refs = cache.get(file);
    if (refs) return refs;
    refs = [];
    try {
      const text = readTextBounded(file, MAX_SCAN_BYTES);
      if (/^[ \t]*\.\.[ \t]+[\w-]+::|^[ \t]*:file:/m.test(text)) refs = rstReferences(splitLines(text));
    } catch {
      // unreadable, or over the scan cap: it references nothing
    }
    cache.set(file, refs);
    return refs;
  };
}

/**
 * The files that reStructuredText trees among `documents` actually reach, each with the root it
 * belongs to, keyed by real path. `others` (files discovery passed over: figures, code samples)
 * may be claimed as assets. A file no other file reaches is a root; files that only reach each
 * other (an include cycle) get the first of them as root, so a cycle never hides the document.
 */
export function rstClaims(documents: string[], others: string[] = []): Map<string, Claim> {
  const claims = new Map<string, Claim>();
  const real = (f: string) => {
    try {
      return realpathSync(f);
    } catch {
      return path.resolve(f);
    }
  };
  const candidates = documents.filter((f) => /\.(rst|rest)$/i.test(f)).map(real);
  if (candidates.length === 0) return claims;
  const known = new Set([...documents, ...others].map(real));
  const refsOf = scanner();
  let budget = MAX_CLAIM_STEPS;

  /** Everything a root reaches inside its folder, with the kind of the first reference to it. */
  const reach = (root: string): Map<string, Claim['kind']> => {
    const rootDir = path.dirname(root);
    const found = new Map<string, Claim['kind']>();
    const queue = [root];
    const visited = new Set([root]);
    for (let q = 0; q < queue.length && found.size < MAX_TREE_FILES; q++) {
      const from = queue[q]!;
      for (const ref of refsOf(from)) {
        for (const target of resolveTarget(ref, from, rootDir)) {
          if (--budget < 0) return found;
          if (!claimable(ref.kind, target)) continue;
          const t = realInside(target, rootDir);
          if (!t || t === root || visited.has(t)) continue;
          visited.add(t);
          const isAsset = ref.kind === 'asset' || ref.kind === 'literalinclude';
          if (known.has(t)) found.set(t, isAsset ? 'asset-of' : 'member-of');
          if (!isAsset) queue.push(t);
        }
      }
    }
    return found;
  };

  const reaches = new Map(candidates.map((c) => [c, reach(c)]));
  const reachedByOther = new Set<string>();
  for (const [from, found] of reaches) for (const t of found.keys()) if (t !== from) reachedByOther.add(t);
  const claim = (root: string) => {
    for (const [t, kind] of reaches.get(root)!) if (!claims.has(t) && t !== root) claims.set(t, { kind, root });
  };
  const roots = new Set(candidates.filter((c) => !reachedByOther.has(c)));
  for (const r of [...roots].sort()) claim(r);
  // Files reached only from inside a cycle: the first unclaimed one stands for it.
  for (const c of [...candidates].sort()) {
    if (roots.has(c) || claims.has(c)) continue;
    roots.add(c);
    claim(c);
  }
  for (const r of roots) claims.delete(r);
  return claims;
}

/** Files that other reStructuredText files in the list pull in (their members and assets), by real path. */
export function rstMembers(files: string[]): Set<string> {
  return new Set(rstClaims(files).keys());
}
