// Sentences and table rows: the units every extractor reads. Wrapped paragraphs are joined back
// (by the reader's block numbers, or by adjacency), split into sentences, and each sentence keeps
// the line and page where it starts and the section it sits in.
import type { Evidence } from '../../core/findings.js';
import type { TextLine } from '../../readers/source.js';
import type { CsSection } from './model.js';
import { TEMPLATE_INSTRUCTION, PLACEHOLDER } from './lexicon.js';
import { ancestry, sectionLabel } from './sections.js';

export interface Unit {
  /** Cleaned text: markup removed, whitespace collapsed. Table rows are cells joined by ' | '. */
  text: string;
  kind: 'sentence' | 'row' | 'heading';
  /** Index of the first source line. */
  index: number;
  line: number;
  page?: number;
  /** Innermost section, or null before the first heading. */
  section: CsSection | null;
  /** Innermost first. */
  sections: CsSection[];
  cells?: string[];
  /** The table's first row, for rows after it. */
  header?: string[];
  /** Sentence starts a list item. */
  bullet?: boolean;
  /** In front matter (definitions, references, revision history): cites rather than claims. */
  frontMatter: boolean;
  /** Instruction to the author or placeholder text from PS3.2's template. */
  template: boolean;
  /**
   * A bare value in a list of allowed configuration values ('Enumerated values: TLSv1.3 TLSv1.2 …'):
   * what a setting accepts, not what the product enables.
   */
  enumeration?: boolean;
}

const MAX_QUOTE = 300;
const MAX_PARAGRAPH_CHARS = 6000;
// '\uF0B7' and '\uF0A7' are the Symbol-font bullets PDF exports of Word documents carry.
const BULLET = /^\s*(?:(?:[-*•+▪◦‣]|\d{1,2}[.)]|[a-z][.)])\s+|[\uF0B7\uF0A7\uF076\uF0D8]\s*)/;

/** Removes inline markup that readers may leave (Markdown, rst, LaTeX, HTML) and collapses spaces. */
export function cleanText(s: string): string {
  return s
    .replace(/\\([_*\-#.`[\]()|&%$])/g, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][a-z0-9]{0,10}(?:\s[^<>]{0,200})?>/gi, ' ')
    .replace(/\*\*|__|`/g, '')
    .replace(/\\(?:textbf|textit|emph|texttt|gls|glspl|url|href)\{([^{}]{0,300})\}/g, '$1')
    .replace(/\[([^\]]{0,300})\]\([^()\s]{0,500}\)/g, '$1')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&trade;|&reg;/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const ABBREV = new Set(['e.g', 'i.e', 'etc', 'vs', 'no', 'fig', 'ref', 'approx', 'incl', 'resp', 'cf', 'al', 'inc', 'ltd', 'corp', 'co', 'mr', 'dr', 'sect', 'vol', 'rev', 'ver']);

/** Sentence boundaries in a paragraph: offsets where a new sentence starts. Linear scan. */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length - 2; i++) {
    const c = text[i]!;
    if (c !== '.' && c !== '!' && c !== '?') continue;
    if (text[i + 1] !== ' ') continue;
    const n = text[i + 2]!;
    if (!/[A-Z0-9"'(“*]/.test(n)) continue;
    if (c === '.') {
      // the word before the dot
      let j = i - 1;
      while (j >= 0 && /[A-Za-z.]/.test(text[j]!) && i - j < 12) j--;
      const word = text.slice(j + 1, i).toLowerCase();
      if (ABBREV.has(word) || /^[a-z]$/.test(word)) continue;
      if (/\d$/.test(text.slice(Math.max(0, i - 1), i)) && /\d/.test(n)) continue; // '1. 2' in numbers
    }
    starts.push(i + 2);
  }
  return starts;
}

export function isTableRow(line: TextLine): boolean {
  return !!line.cells && line.cells.length > 1;
}

function splitPipeRow(text: string): string[] | null {
  const t = text.trim();
  if (!(t.startsWith('|') && t.endsWith('|') && t.length > 2) && !/\s\|\s/.test(t)) return null;
  const inner = t.replace(/^\|/, '').replace(/\|$/, '');
  const cells = inner.split('|').map((c) => c.trim());
  if (cells.length < 2) return null;
  if (cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) return []; // separator row
  return cells;
}

export function buildUnits(lines: TextLine[], sections: CsSection[], sectionOf: Int32Array, decoration: Set<number>): Unit[] {
  const units: Unit[] = [];
  const headingAt = new Map<number, CsSection>();
  for (const s of sections) headingAt.set(s.startLine, s);
  const ctx = (index: number) => {
    const si = sectionOf[index] ?? -1;
    const chain = ancestry(sections, si);
    return {
      section: chain[0] ?? null,
      sections: chain,
      frontMatter: chain.some((s) => s.kind === 'front-matter'),
    };
  };

  let para: { index: number; parts: { offset: number; index: number }[]; text: string; bullet: boolean } | null = null;
  let lastBlock: number | undefined;
  let lastLine: TextLine | undefined;
  let header: string[] | undefined;
  let prevRowLine: number | undefined;

  const flush = () => {
    if (!para) return;
    const p = para;
    para = null;
    const starts = sentenceStarts(p.text);
    for (let k = 0; k < starts.length; k++) {
      const from = starts[k]!;
      const to = k + 1 < starts.length ? starts[k + 1]! : p.text.length;
      const raw = p.text.slice(from, to).trim();
      if (!raw) continue;
      let at = p.parts[0]!;
      for (const part of p.parts) if (part.offset <= from) at = part;
      const src = lines[at.index]!;
      const c = ctx(at.index);
      units.push({
        text: cleanText(raw),
        kind: 'sentence',
        index: at.index,
        line: src.line,
        ...(src.page !== undefined ? { page: src.page } : {}),
        ...c,
        bullet: k === 0 && p.bullet,
        template: TEMPLATE_INSTRUCTION.test(raw) || PLACEHOLDER.test(raw),
      });
    }
  };

  for (let i = 0; i < lines.length; i++) {
    if (decoration.has(i)) continue;
    const line = lines[i]!;
    const sec = headingAt.get(i);
    if (sec) {
      flush();
      header = undefined;
      const c = ctx(i);
      units.push({ text: cleanText(line.text), kind: 'heading', index: i, line: line.line, ...(line.page !== undefined ? { page: line.page } : {}), ...c, template: false });
      lastLine = line;
      lastBlock = line.block;
      continue;
    }
    const text = line.text;
    let cells: string[] | null = isTableRow(line) ? line.cells!.map((c) => c.trim()) : line.heading === undefined ? splitPipeRow(text) : null;
    if (cells && /^\s*\+[-=+]{3,}\+?\s*$/.test(text)) cells = []; // rst grid border
    if (cells) {
      flush();
      if (cells.length === 0) {
        lastLine = line;
        continue;
      }
      const contiguous = prevRowLine !== undefined && (line.line - prevRowLine <= 2) && lastLine !== undefined && (isTableRow(lastLine) || splitPipeRow(lastLine.text) !== null);
      if (!contiguous) header = undefined;
      const cleanCells = cells.map(cleanText);
      const c = ctx(i);
      const raw = cells.join(' | ');
      units.push({
        text: cleanCells.join(' | '),
        kind: 'row',
        index: i,
        line: line.line,
        ...(line.page !== undefined ? { page: line.page } : {}),
        ...c,
        cells: cleanCells,
        ...(header ? { header } : {}),
        template: PLACEHOLDER.test(raw),
      });
      if (!header) header = cleanCells;
      prevRowLine = line.endLine ?? line.line;
      lastLine = line;
      continue;
    }
    if (!text.trim()) {
      flush();
      header = undefined;
      lastLine = line;
      continue;
    }
    const isBullet = BULLET.test(text);
    const sameParagraph =
      para !== null &&
      !isBullet &&
      (line.block !== undefined ? line.block === lastBlock : lastLine !== undefined && line.line === lastLine.line + 1 && line.page === lastLine.page) &&
      (para as { text: string }).text.length < MAX_PARAGRAPH_CHARS;
    if (!sameParagraph) {
      flush();
      para = { index: i, parts: [{ offset: 0, index: i }], text: text.trim(), bullet: isBullet };
    } else {
      const p = para!;
      const offset = p.text.length + 1;
      p.parts.push({ offset, index: i });
      p.text += ' ' + text.trim();
    }
    header = undefined;
    lastBlock = line.block;
    lastLine = line;
  }
  flush();
  markHistoryAndEnumerations(units);
  return units;
}

/** 'Revision 47; 20101023 Release 1.4.16beta5: …': a change-log entry tells history, not the current product. */
const CHANGELOG_ENTRY = /^(?:(?:revision|rev\.?|release|version)\s+[\w.-]{1,20}\s*[;,:]?\s+(?:\d{8}\b|\d{4}-\d{2}-\d{2}\b|\d{1,2}\/\d{1,2}\/\d{2,4}\b)|(?:19|20)\d{6}\s*(?:\||:|-)?\s+\S)/i;
/** A table-of-contents line without dot leaders: 'A.5 WADO FUNCTIONALITY 21'. */
const TOC_ENTRY = /^(?:[A-Z]|\d{1,2})(?:\.\d{1,3}){1,6}\.?\s+[A-Z][A-Z0-9 ,/&()'’-]{2,100}\s\d{1,3}$/;
/** 'Enumerated values:', 'Allowed values:': the list that follows names what a setting accepts. */
const ENUM_INTRO = /\b(?:enumerated|allowed|permitted|possible|valid|defined)\s+values?\s*:?\s*$/i;
/** A bare configuration value: one token, no verb ('TLSv1.3', 'SSL_RSA_WITH_NULL_SHA', 'HTTPS'). */
const BARE_VALUE = /^[\w.+/-]{1,80}(?:\s*\(=?[^()]{0,80}\))?$/;

function markHistoryAndEnumerations(units: Unit[]): void {
  let inEnum = false;
  for (const u of units) {
    if (u.kind !== 'heading' && (CHANGELOG_ENTRY.test(u.text) || TOC_ENTRY.test(u.text) || /\.{6,}\s*\d{0,4}$/.test(u.text))) u.frontMatter = true;
    if (u.kind === 'sentence' && ENUM_INTRO.test(u.text)) {
      inEnum = true;
      continue;
    }
    if (inEnum && u.kind === 'sentence' && BARE_VALUE.test(u.text)) {
      u.enumeration = true;
      continue;
    }
    inEnum = false;
  }
}

/** Evidence for a unit: section heading, page, line and the quote (trimmed to a readable length). */
export function evidenceOf(u: Unit): Evidence {
  const e: Evidence = { line: u.line };
  const label = sectionLabel(u.section);
  if (label) e.section = label;
  if (u.page !== undefined) e.page = u.page;
  e.quote = u.text.length > MAX_QUOTE ? u.text.slice(0, MAX_QUOTE - 1) + '…' : u.text;
  return e;
}

/** Evidence pointing at a section heading (where a silent statement should have spoken). */
export function sectionEvidence(sec: CsSection): Evidence {
  const e: Evidence = { section: sectionLabel(sec)!, line: sec.location.line, quote: sectionLabel(sec)! };
  if (sec.location.page !== undefined) e.page = sec.location.page;
  return e;
}

/** Units that may carry claims about the product: not headings, definitions or template text. */
export function claimUnits(units: Unit[]): Unit[] {
  return units.filter((u) => u.kind !== 'heading' && !u.frontMatter && !u.template);
}
