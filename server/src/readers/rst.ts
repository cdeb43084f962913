// reStructuredText → lines with locations. Section titles get levels in the order their
// adornment styles first appear (as docutils does); grid, simple, list and csv tables become rows.
// Directives are not executed: `include`, `raw` and `csv-table :file:` never touch the disk.
import type { TextSource } from './source.js';
import { LineSink, expandTabs, indentOf, parseCsvRecord, splitLines } from './text-common.js';

const ADORN_CHARS = '=-`:\'"~^_*+#<>.';
export const GRID_BORDER = /^\s*\+([-=]+\+)+\s*$/;
const SIMPLE_BORDER = /^\s*=+( +=+)+\s*$/;

export function isAdornment(line: string): boolean {
  const t = line.trimEnd();
  if (t.length < 3 || t[0] === ' ') return false;
  const c = t[0]!;
  if (!ADORN_CHARS.includes(c)) return false;
  for (const ch of t) if (ch !== c) return false;
  return true;
}

/** Removes inline rst markup: roles, interpreted text, hyperlinks, emphasis, substitutions. */
export function stripInlineRst(s: string, subs: Map<string, string> = new Map()): string {
  let t = s;
  // :role:`Label <target>` → Label ; :role:`text` → text
  t = t.replace(/:[A-Za-z][\w.+-]*(?::[\w.+-]+)*:`([^`]*?)\s*<[^`>]*>`/g, '$1');
  t = t.replace(/:[A-Za-z][\w.+-]*(?::[\w.+-]+)*:`([^`]*)`/g, (_m, x: string) => x.replace(/^[~!]/, ''));
  // `text <https://…>`_ → text (https://…) ; `text <target_>`_ → text ; `name`_ → name
  t = t.replace(/`([^`<]*?)\s*<([^`>]*)>`__?/g, (_m, label: string, url: string) =>
    /^[a-z][a-z0-9+.-]*:\/\//i.test(url) && label && !label.includes(url) ? `${label} (${url})` : label || url,
  );
  t = t.replace(/`([^`]+)`__?/g, '$1');
  t = t.replace(/``([^`]+)``/g, '$1');
  t = t.replace(/`([^`]+)`/g, '$1');
  t = t.replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, '$1');
  t = t.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2');
  t = t.replace(/\b([A-Za-z0-9][\w.-]*)__?(?=[\s.,;:)]|$)/g, (m, w: string) => (/_$/.test(m) && !/^\d/.test(w) ? w : m));
  t = t.replace(/\[(#?[\w-]*|\*)\]_/g, '');
  t = t.replace(/\|([^|\s][^|]*?)\|(_{0,2})/g, (m, name: string) => subs.get(name) ?? m);
  t = t.replace(/\\(.)/g, '$1');
  return t;
}

interface Directive {
  name: string;
  indent: number;
}

export function readRst(text: string): TextSource {
  const raw = splitLines(text).map((l) => expandTabs(l));
  const sink = new LineSink();
  const styles: string[] = [];
  const subs = new Map<string, string>();

  // Substitution definitions anywhere in the file: `.. |name| replace:: text`.
  for (const l of raw) {
    const m = /^\.\.\s+\|([^|]+)\|\s+replace::\s*(.*)$/.exec(l);
    if (m) subs.set(m[1]!, m[2]!.trim());
  }
  const clean = (s: string) => stripInlineRst(s, subs);

  const levelFor = (key: string) => {
    let k = styles.indexOf(key);
    if (k < 0) {
      styles.push(key);
      k = styles.length - 1;
    }
    return k + 1;
  };

  let directive: Directive | null = null;
  let skipIndent = -1; // skip an indented block deeper than this (comments, code we drop)
  let lastWasBlank = true;

  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    const lineNo = i + 1;
    const blank = line.trim() === '';

    if (skipIndent >= 0) {
      if (blank) {
        lastWasBlank = true;
        continue;
      }
      if (indentOf(line) > skipIndent) continue;
      skipIndent = -1;
    }
    if (directive && !blank && indentOf(line) <= directive.indent) directive = null;

    if (blank) {
      sink.add('', lineNo);
      lastWasBlank = true;
      continue;
    }

    // Titles with overline and underline.
    if (isAdornment(line) && lastWasBlank) {
      const title = raw[i + 1];
      const under = raw[i + 2];
      if (
        title !== undefined && under !== undefined && title.trim() !== '' && isAdornment(under) &&
        under.trim()[0] === line.trim()[0]
      ) {
        sink.add(clean(title.trim()), i + 2, { heading: levelFor(`o${line.trim()[0]}`) });
        i += 2;
        lastWasBlank = false;
        continue;
      }
      // A transition (or stray adornment): not text.
      if (!GRID_BORDER.test(line)) {
        sink.breakBlock();
        continue;
      }
    }
    // Titles with underline only.
    const under = raw[i + 1];
    if (
      lastWasBlank && indentOf(line) === 0 && under !== undefined && isAdornment(under) &&
      !isAdornment(line) && !SIMPLE_BORDER.test(under) && (raw[i + 2] === undefined || raw[i + 2]!.trim() === '' || !isAdornment(raw[i + 2]!))
    ) {
      sink.add(clean(line.trim()), lineNo, { heading: levelFor(`u${under.trim()[0]}`) });
      i += 1;
      lastWasBlank = false;
      continue;
    }

    // Grid tables.
    if (GRID_BORDER.test(line)) {
      i = readGridTable(raw, i, sink, clean) - 1;
      lastWasBlank = false;
      continue;
    }
    // Simple tables.
    if (SIMPLE_BORDER.test(line) && lastWasBlank) {
      i = readSimpleTable(raw, i, sink, clean) - 1;
      lastWasBlank = false;
      continue;
    }

    // Explicit markup: directives, comments, targets, substitution definitions, footnotes.
    const explicit = /^(\s*)\.\.(?:\s+(.*))?$/.exec(line);
    if (explicit) {
      const indent = explicit[1]!.length;
      const rest = explicit[2] ?? '';
      const dir = /^([\w:-]+)::\s*(.*)$/.exec(rest);
      lastWasBlank = false;
      if (dir) {
        const name = dir[1]!.toLowerCase();
        const arg = dir[2]!.trim();
        if (name === 'csv-table' || name === 'list-table' || name === 'table') {
          if (arg) sink.add(clean(arg), lineNo);
          if (name === 'csv-table') i = readCsvTable(raw, i, indent, sink, clean) - 1;
          else if (name === 'list-table') i = readListTable(raw, i, indent, sink, clean) - 1;
          else directive = { name, indent };
          continue;
        }
        if (['image', 'figure', 'toctree', 'include', 'literalinclude', 'raw', 'only', 'index', 'highlight', 'code-block', 'code', 'sourcecode', 'math', 'plantuml', 'graphviz', 'uml', 'contents', 'sectnum', 'meta', 'role', 'default-role', 'replace', 'unicode', 'date'].includes(name)) {
          // Figures keep their caption (the indented paragraph after the options); others go.
          if (name === 'figure' || name === 'code-block' || name === 'code' || name === 'sourcecode') directive = { name, indent };
          else skipIndent = indent;
          continue;
        }
        // Admonitions and containers (note, warning, topic, rubric, …): keep argument and body.
        if (arg) sink.add(clean(arg), lineNo);
        directive = { name, indent };
        continue;
      }
      if (/^\|[^|]+\|/.test(rest)) {
        skipIndent = indent; // substitution definition (already collected)
        continue;
      }
      if (/^\[[^\]]+\]\s+/.test(rest)) {
        sink.add(clean(rest.replace(/^\[[^\]]+\]\s+/, '')), lineNo); // footnote / citation text
        continue;
      }
      // Hyperlink targets (`.. _name:`) and comments, with any indented continuation.
      skipIndent = indent;
      continue;
    }

    // Directive options (`:name: value` right under a directive) are not prose.
    if (directive && /^\s+:[\w -]+:(\s|$)/.test(line) && (raw[i - 1] !== undefined && (/^\s*\.\./.test(raw[i - 1]!) || /^\s+:[\w -]+:/.test(raw[i - 1]!)))) {
      continue;
    }

    lastWasBlank = false;
    let body = line.trim();
    // Field lists keep their field name: ':Company Name: dcm4che.org' → 'Company Name: dcm4che.org'.
    const field = /^:([^:`]+):\s*(.*)$/.exec(body);
    if (field) body = `${field[1]}: ${field[2]}`;
    // Line blocks and bullets.
    body = body.replace(/^\|\s+/, '');
    const bullet = /^([-*+•]|#\.|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+/.exec(body);
    if (bullet) {
      sink.breakBlock();
      if (/^[-*+•]/.test(bullet[1]!)) body = body.slice(bullet[0].length);
    }
    if (body === '::') continue;
    body = body.replace(/::$/, ':');
    sink.add(clean(body), lineNo);
  }
  return sink.source('rst');
}

/** Reads a grid table from its first border; returns the index after it. */
export function readGridTable(raw: string[], start: number, sink: LineSink, clean: (s: string) => string = (s) => s): number {
  let border = raw[start]!;
  let cols = columnEdges(border);
  let cells: string[] = cols.slice(1).map(() => '');
  let rowStart = -1;
  let i = start + 1;
  sink.breakBlock();
  const flush = (endLine: number) => {
    // Array.from, not map: a row with more '|' than the border has columns leaves holes.
    if (rowStart >= 0) sink.row(Array.from(cells, (c) => clean(c ?? '')), rowStart + 1, endLine);
    cells = cols.slice(1).map(() => '');
    rowStart = -1;
  };
  for (; i < raw.length; i++) {
    const line = raw[i]!;
    if (GRID_BORDER.test(line)) {
      flush(i);
      border = line;
      cols = columnEdges(border);
      cells = cols.slice(1).map(() => '');
      continue;
    }
    const t = line.trimStart();
    if (!t.startsWith('|') && !t.startsWith('+')) break;
    // Rows spanning columns or partial borders: take the '|' positions on this line when they
    // differ from the border's.
    const bars: number[] = [];
    for (let k = 0; k < line.length; k++) if (line[k] === '|' || line[k] === '+') bars.push(k);
    const edges = cols.every((c) => line[c] === '|' || line[c] === '+') ? cols : bars;
    if (rowStart < 0) rowStart = i;
    if (edges !== cols && cells.length !== edges.length - 1) cells = edges.slice(1).map((_, k) => cells[k] ?? '');
    for (let k = 0; k + 1 < edges.length; k++) {
      const piece = line.slice(edges[k]! + 1, edges[k + 1]!).trim();
      // Inner partial border lines (+----+ inside a row span) carry no text.
      if (/^[-=+]+$/.test(piece)) continue;
      if (piece) cells[k] = cells[k] ? `${cells[k]} ${piece}` : piece;
    }
  }
  flush(i);
  return i;
}

function columnEdges(border: string): number[] {
  const edges: number[] = [];
  for (let k = 0; k < border.length; k++) if (border[k] === '+') edges.push(k);
  return edges;
}

/** Reads a simple table (=== borders) from its top border; returns the index after it. */
function readSimpleTable(raw: string[], start: number, sink: LineSink, clean: (s: string) => string): number {
  const border = raw[start]!;
  const spans: [number, number][] = [];
  const re = /=+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(border))) spans.push([m.index, m.index + m[0].length]);
  sink.breakBlock();
  let row: string[] | null = null;
  let rowStart = 0;
  let rowEnd = 0;
  const flush = () => {
    if (row) sink.row(row.map(clean), rowStart + 1, rowEnd + 1);
    row = null;
  };
  let i = start + 1;
  for (; i < raw.length; i++) {
    const line = raw[i]!;
    if (SIMPLE_BORDER.test(line)) {
      flush();
      // The closing border is followed by a blank line or the end.
      if (raw[i + 1] === undefined || raw[i + 1]!.trim() === '') return i + 1;
      continue;
    }
    if (/^\s*-+( +-+)*\s*$/.test(line)) continue; // column-span underline
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cells = spans.map(([a, b], k) => {
      const end = k + 1 < spans.length ? spans[k + 1]![0] : Math.max(b, line.length);
      return line.slice(a, end).trim();
    });
    if (row && cells[0] === '') {
      const r: string[] = row;
      cells.forEach((c, k) => {
        if (c) r[k] = r[k] ? `${r[k]} ${c}` : c;
      });
      rowEnd = i;
    } else {
      flush();
      row = cells;
      rowStart = i;
      rowEnd = i;
    }
  }
  flush();
  return i;
}

/** `.. csv-table::` with :header: and inline content (a :file: is not opened). */
function readCsvTable(raw: string[], start: number, indent: number, sink: LineSink, clean: (s: string) => string): number {
  let i = start + 1;
  let delim = ',';
  for (; i < raw.length; i++) {
    const line = raw[i]!;
    if (line.trim() === '') {
      // Options end at the first blank line; content follows, indented.
      if (raw[i + 1] !== undefined && raw[i + 1]!.trim() !== '' && indentOf(raw[i + 1]!) > indent) continue;
      return i;
    }
    if (indentOf(line) <= indent) return i;
    const opt = /^\s+:([\w-]+):\s*(.*)$/.exec(line);
    if (opt) {
      if (opt[1] === 'header') sink.row(parseCsvRecord(opt[2]!).map(clean), i + 1);
      if (opt[1] === 'delim') delim = opt[2]!.trim() === 'tab' ? '\t' : opt[2]!.trim()[0] ?? ',';
      continue;
    }
    sink.row(parseCsvRecord(line.trim(), delim).map(clean), i + 1);
  }
  return i;
}

/** `.. list-table::` with `* - cell` rows. */
function readListTable(raw: string[], start: number, indent: number, sink: LineSink, clean: (s: string) => string): number {
  let i = start + 1;
  let row: string[] | null = null;
  let rowStart = 0;
  let rowEnd = 0;
  const flush = () => {
    if (row) sink.row(row.map(clean), rowStart + 1, rowEnd + 1);
    row = null;
  };
  for (; i < raw.length; i++) {
    const line = raw[i]!;
    if (line.trim() === '') continue;
    if (indentOf(line) <= indent) break;
    if (/^\s+:[\w-]+:/.test(line) && !row) continue;
    const first = /^\s*\*\s+-\s+(.*)$/.exec(line) ?? /^\s*\*\s+-\s*$/.exec(line);
    const next = /^\s+-\s+(.*)$/.exec(line) ?? /^\s+-\s*$/.exec(line);
    if (first) {
      flush();
      row = [first[1] ?? ''];
      rowStart = i;
    } else if (next && row) row.push(next[1] ?? '');
    else if (row) row[row.length - 1] = `${row[row.length - 1]} ${line.trim()}`;
    rowEnd = i;
  }
  flush();
  return i;
}
