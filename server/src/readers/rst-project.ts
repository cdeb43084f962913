// A reStructuredText (Sphinx) statement is often a tree of files: an index with `toctree`
// entries, `include`s and CSV tables kept in separate files. This assembles such a tree into one
// text, remembering for every line which file and line it came from, so evidence can point at
// the real file. Only files inside the root's folder are read, each once, within limits.
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UnreadableError } from '../core/errors.js';
import { FileReadError, readTextBounded } from '../core/read-file.js';
import { limits } from '../core/limits.js';
import { readRst } from './rst.js';
import type { TextLine, TextSource } from './source.js';

export interface LineOrigin {
  file: string;
  line: number;
}

interface Reference {
  kind: 'toctree' | 'include' | 'literalinclude' | 'csv-file';
  target: string;
  /** 0-based index of the line that holds the reference. */
  index: number;
}

const DIRECTIVE = /^(\s*)\.\.\s+([\w-]+)::\s*(.*)$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The references a file makes to other files, in order. */
export function rstReferences(lines: string[]): Reference[] {
  const refs: Reference[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (!m) continue;
    const indent = m[1]!.length;
    const name = m[2]!.toLowerCase();
    const arg = m[3]!.trim();
    if (name === 'include' || name === 'literalinclude') {
      if (arg) refs.push({ kind: name, target: arg, index: i });
      continue;
    }
    if (name !== 'toctree' && name !== 'csv-table') continue;
    let glob = false;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === '') continue;
      if (indentOf(line) <= indent) break;
      const option = /^\s*:([\w-]+):\s*(.*)$/.exec(line);
      if (option) {
        if (option[1] === 'glob') glob = true;
        if (name === 'csv-table' && option[1] === 'file') refs.push({ kind: 'csv-file', target: option[2]!.trim(), index: j });
        continue;
      }
      if (name !== 'toctree') break;
      // `Title <target>` or `target`; `self` and URLs are not files.
      const entry = /<([^>]+)>\s*$/.exec(line.trim())?.[1] ?? line.trim();
      if (entry === 'self' || /^[a-z]+:\/\//i.test(entry)) continue;
      refs.push({ kind: 'toctree', target: glob ? `${entry}` : entry, index: j });
    }
  }
  return refs;
}

function resolveTarget(ref: Reference, fromFile: string, rootDir: string): string[] {
  const base = ref.target.startsWith('/') ? path.join(rootDir, ref.target) : path.resolve(path.dirname(fromFile), ref.target);
  if (ref.kind !== 'toctree') return [base];
  if (base.includes('*')) {
    // Sphinx toctree globs: only `*` within one folder is supported.
    const dir = path.dirname(base);
    const re = new RegExp(`^${path.basename(base).replace(/[.+^$()|[\]\\{}?]/g, '\\$&').replace(/\*/g, '.*')}\\.rst$`);
    try {
      return readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f));
    } catch {
      return [];
    }
  }
  return [/\.(rst|txt)$/.test(base) ? base : `${base}.rst`];
}

function inside(rootDir: string, file: string): boolean {
  const rel = path.relative(rootDir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Quick check: does this text reference other files at all? */
export function hasFileReferences(text: string): boolean {
  return /^\s*\.\.\s+(toctree|include)::|^\s*:file:/m.test(text);
}

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

  const load = (file: string): string | undefined => {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      return undefined; // a missing member is a gap in the statement, not a reason to fail it
    }
    if (!inside(rootDir, real) || seen.has(real)) return undefined;
    if (seen.size >= limits.maxZipEntries) throw new UnreadableError(`the document tree has more than ${limits.maxZipEntries} files (limit)`, 'limit');
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
    return text;
  };

  const emit = (file: string, text: string, depth: number): void => {
    if (depth > 20) return;
    const raw = text.split(/\r\n|\r|\n/);
    // 1. Inline CSV tables kept in other files, so a table stays in its section.
    const expanded: string[] = [];
    const expandedOrigin: LineOrigin[] = [];
    const refs = rstReferences(raw);
    const children: { at: number; files: string[]; include: boolean }[] = [];
    for (let i = 0; i < raw.length; i++) {
      const here = refs.filter((r) => r.index === i);
      const csv = here.find((r) => r.kind === 'csv-file');
      if (csv) {
        const target = resolveTarget(csv, file, rootDir)[0]!;
        const body = load(target);
        if (body !== undefined) {
          const indent = ' '.repeat(indentOf(raw[i]!));
          expanded.push('');
          expandedOrigin.push({ file, line: i + 1 });
          body.split(/\r\n|\r|\n/).forEach((row, n) => {
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
        else if (r.kind === 'literalinclude') load(resolveTarget(r, file, rootDir)[0]!); // code samples: not prose
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
    for (const l of own) {
      while (next < includes.length && includes[next]!.at < l.line) {
        for (const target of includes[next]!.files) {
          const body = load(target);
          if (body !== undefined) emit(target, body, depth);
        }
        next++;
      }
      push(l);
    }
    blockBase += maxBlock + 1;
    for (const c of children.filter((x) => !x.include)) {
      for (const target of c.files) {
        const body = load(target);
        if (body !== undefined) emit(target, body, depth + 1);
      }
    }
  };

  emit(rootFile, rootText, 0);
  return { kind: 'text', format: 'rst', lines, origins };
}

/**
 * Files that other reStructuredText files in the list pull in: they are parts, not documents.
 * Below a Sphinx root (a file with a toctree), the text, CSV and rst files in its subfolders are
 * the project's sources even when nothing references them (Sphinx would only warn).
 */
export function rstMembers(files: string[]): Set<string> {
  const members = new Set<string>();
  const projectDirs: string[] = [];
  for (const file of files) {
    if (!/\.rst$/i.test(file)) continue;
    let text: string;
    try {
      text = readTextBounded(file, limits.maxFileBytes);
    } catch {
      continue;
    }
    if (!hasFileReferences(text)) continue;
    const rootDir = path.dirname(file);
    const refs = rstReferences(text.split(/\r\n|\r|\n/));
    if (refs.some((r) => r.kind === 'toctree')) projectDirs.push(path.resolve(rootDir));
    for (const ref of refs) {
      for (const target of resolveTarget(ref, file, rootDir)) members.add(path.resolve(target));
    }
  }
  for (const file of files) {
    const abs = path.resolve(file);
    if (!/\.(rst|csv|txt)$/i.test(abs)) continue;
    if (projectDirs.some((dir) => path.dirname(abs) !== dir && inside(dir, abs))) members.add(abs);
  }
  return members;
}
