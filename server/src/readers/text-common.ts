// Shared pieces of the text-format readers: a line collector that enforces limits and keeps
// locations, entity decoding (never DTD expansion), and small inline-markup helpers.
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { TextFormat, TextLine, TextSource } from './source.js';

/** Collects lines in order; blank lines end a block (paragraph) and are not stored. */
export class LineSink {
  readonly lines: TextLine[] = [];
  private block = 0;
  private open = false;

  /** Adds a line; returns it, or undefined when the text is blank (which also ends the block). */
  add(text: string, line: number, extra: Partial<TextLine> = {}): TextLine | undefined {
    const clean = normalizeSpace(text);
    if (clean.length > limits.maxLineLength) {
      throw new UnreadableError(
        `line ${line} is ${clean.length} characters long, over the ${limits.maxLineLength}-character limit`,
        'limit',
      );
    }
    if (clean === '' && !extra.cells) {
      this.breakBlock();
      return undefined;
    }
    if (!this.open) {
      this.block++;
      this.open = true;
    }
    const out: TextLine = { text: clean, line, block: this.block };
    if (extra.page !== undefined) out.page = extra.page;
    if (extra.heading !== undefined) out.heading = extra.heading;
    if (extra.cells !== undefined) out.cells = extra.cells.map(normalizeSpace);
    if (extra.endLine !== undefined && extra.endLine !== line) out.endLine = extra.endLine;
    this.lines.push(out);
    // Headings and table rows stand alone: what follows starts a new block.
    if (out.heading !== undefined || out.cells !== undefined) this.breakBlock();
    return out;
  }

  /** A table row: cells trimmed, text = cells joined with ' | '. Rows with no text are dropped. */
  row(cells: string[], line: number, endLine?: number): TextLine | undefined {
    const clean = cells.map(normalizeSpace);
    if (clean.every((c) => c === '')) return undefined;
    return this.add(clean.join(' | '), line, { cells: clean, endLine });
  }

  breakBlock(): void {
    this.open = false;
  }

  source(format: TextFormat): TextSource {
    return { kind: 'text', format, lines: this.lines };
  }
}

/** Collapses runs of whitespace (including no-break and zero-width spaces) and trims. */
export function normalizeSpace(s: string): string {
  return s
    .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hyphen: '-', minus: '−', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»', hellip: '…', bull: '•', middot: '·', deg: '°',
  copy: '©', reg: '®', trade: '™', sect: '§', para: '¶', plusmn: '±', times: '×', divide: '÷',
  le: '≤', ge: '≥', ne: '≠', larr: '←', rarr: '→', harr: '↔', uarr: '↑', darr: '↓', check: '✓',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é',
  egrave: 'è', ecirc: 'ê', aacute: 'á', agrave: 'à', acirc: 'â', iacute: 'í', oacute: 'ó',
  uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', Eacute: 'É', aring: 'å', oslash: 'ø', micro: 'µ',
  euro: '€', pound: '£', yen: '¥', cent: '¢', shy: '\u00ad', zwsp: '\u200b', lowast: '∗',
};

/**
 * Decodes character references (&#123; &#x1F; and the common named ones). Unknown names stay as
 * written: entities declared in a DTD are never expanded.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, ref) ? NAMED_ENTITIES[ref]! : whole;
  });
}

/** Splits text into lines, accepting \n, \r\n and lone \r. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Expands tabs to the next multiple of 8 columns, so column positions line up. */
export function expandTabs(line: string, width = 8): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(width - (out.length % width));
    else out += ch;
  }
  return out;
}

/** Leading spaces after tab expansion. */
export function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** Splits a pipe-table row into cells, honouring backslash-escaped pipes and code spans. */
export function splitPipes(row: string): string[] {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '`') {
      inCode = !inCode;
      cur += ch;
    } else if (ch === '|' && !inCode) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

/** Parses one CSV record (RFC 4180 quoting, as rst csv-table uses). */
export function parseCsvRecord(line: string, delim = ','): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === delim) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Number of components in a section number such as '7.1.2' or 'A.6.2' (0 when none). */
export function numberingDepth(text: string): number {
  const m = /^(?:(?:Annex|Appendix|Chapter|Section)\s+)?([A-Z]|\d{1,2})((?:\.\d{1,3})*)\.?(?=\s)/.exec(text);
  if (!m) return 0;
  return 1 + (m[2] ? m[2].split('.').length - 1 : 0);
}

/**
 * Whether a line of prose looks like a numbered heading: '7.1 Security', '8 SECURITY',
 * 'A.6.2 Audit Trail'. Short, starts with a capital after the number, no sentence punctuation at
 * the end. Returns the level (number depth) or 0.
 */
export function numberedHeadingLevel(text: string): number {
  const t = text.trim();
  if (t.length > 100 || t.length < 3) return 0;
  const m = /^((?:[A-Z]|\d{1,2})(?:\.\d{1,3})*)\.?\s+(\S.*)$/.exec(t);
  if (!m) return 0;
  const num = m[1]!;
  const rest = m[2]!;
  // A lone letter is a heading number only with dots after it ('A.1'), or as 'Annex A'.
  if (/^[A-Z]$/.test(num)) return 0;
  if (!/^[A-Z(“"']/.test(rest)) return 0;
  if (/[.:;,!?]$/.test(rest) && !/\.\.\.$/.test(rest)) return 0;
  // Table-ish lines: many numbers or a pipe.
  if (rest.includes('|') || /\s{3,}/.test(rest)) return 0;
  // Numbers like 1.2.840.10008 are UIDs, and '104 port' is not a chapter.
  if (/^\d{3,}/.test(num) || num.split('.').length > 6) return 0;
  if (/^\d+$/.test(num) && Number(num) > 40) return 0;
  const words = rest.split(/\s+/).length;
  if (words > 12) return 0;
  return num.split('.').length;
}

/** Maps a character offset to its 1-based line (LF, CRLF or lone CR line ends). */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
