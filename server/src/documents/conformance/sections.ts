// The section tree of a conformance statement, found from heading text rather than numbers, so that
// the classic Annex A layout, the current Annex N one and vendors' own renumbering all read the same.
// Headings come from the reader when it marks them (TextLine.heading); otherwise from the text:
// Markdown '#', setext/rst underlines, LaTeX \section{}, and numbered headings ('8.1 Security').
import type { TextLine } from '../../readers/source.js';
import type { CsSection, CsSectionKind } from './model.js';
import { TITLE } from './lexicon.js';

const UNDERLINE = /^\s*([=\-~^"'`#*+.:_])\1{2,}\s*$/;
const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.{1,300}?)\s*#*\s*$/;
const LATEX_HEADING = /^\s*\\(part|chapter|section|subsection|subsubsection|paragraph)\*?\{(.{1,300})\}\s*$/;
// '8.1 Security', 'A.8.2 Association Level Security', 'N.7 Security', '4.2.1.3.1. Foo'.
const NUMBERED = /^\s*((?:\d{1,2}|[A-Z])(?:\.\d{1,3}){0,6})\.?\s+([A-Z][^\n]{0,150})$/;
const TOC_LEADER = /\.{8,}\s*\d{0,4}\s*$/;
const SECTION_CAPS = /^\s*SECTION\s+(?:\d{1,2}|[A-Z](?:\(\d\))?)\.?\s+[A-Z][A-Z /&-]{2,60}$/;
const LATEX_LEVEL: Record<string, number> = { part: 1, chapter: 1, section: 1, subsection: 2, subsubsection: 3, paragraph: 4 };

/** Strips Markdown/HTML/rst inline markup from a heading. */
export function cleanHeading(text: string): string {
  let t = text
    .replace(/\\([_*\-#.`[\]()])/g, '$1')
    .replace(/<[^<>]{0,200}>/g, ' ')
    .replace(/\*\*|__|`|\\gls\{([^}]{0,40})\}/g, (_m, g1) => g1 ?? '')
    .replace(/!\[[^\]]{0,200}\]\[[^\]]{0,40}\]/g, '')
    .replace(/\[([^\]]{0,300})\]\([^)]{0,500}\)/g, '$1')
    .replace(/``|''/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  if (t.startsWith('*') && t.endsWith('*') && t.length > 2) t = t.slice(1, -1).trim();
  return t;
}

/** Splits '8.1 Transport Layer Security' into number and title; keeps 'Part 2: X' as title. */
export function splitNumber(text: string): { number?: string; title: string } {
  const m = /^((?:\d{1,2}|[A-Z])(?:\.\d{1,3}){0,6})\.?\s+(\S.*)$/.exec(text);
  if (m && (m[1]!.includes('.') || /^\d/.test(m[1]!))) return { number: m[1], title: m[2]!.trim() };
  // Single letters ('A Foo') are too ambiguous unless followed by a dot: 'A. Foo' is rare in headings.
  return { title: text };
}

export function classifyTitle(title: string): CsSectionKind {
  if (TITLE.skip.test(title)) return 'front-matter';
  // A change-log line a reader took for a heading ('20140528 Virtual destructors …'): history.
  if (/^(?:19|20)\d{6}\b/.test(title)) return 'front-matter';
  if (TITLE.associationLevel.test(title)) return 'association-level-security';
  if (TITLE.applicationLevel.test(title)) return 'application-level-security';
  if (TITLE.securityProfiles.test(title)) return 'security-profiles';
  if (TITLE.security.test(title)) return 'security';
  if (TITLE.acceptance.test(title)) return 'association-acceptance';
  if (TITLE.audit.test(title)) return 'audit';
  if (TITLE.securityAny.test(title)) return 'security-other';
  if (TITLE.networkInterfaces.test(title)) return 'network-interfaces';
  if (TITLE.aeMapping.test(title) && /\b(?:mapping|titles?|configuration|aets?)\b/i.test(title)) return 'ae-mapping';
  if (TITLE.web.test(title)) return 'web';
  if (TITLE.configuration.test(title)) return 'configuration';
  return 'other';
}

function looksLikeNumberedHeading(text: string, next: string | undefined): boolean {
  if (text.length > 120 || text.length < 3) return false;
  if (/[|[\]]|\.{4,}|…{2,}|\s\d{1,4}\s*$/.test(text)) return false; // tables, links, TOC leaders/page numbers
  if (/[.:;,]\s*$/.test(text)) return false; // sentences and list items end with punctuation
  const m = NUMBERED.exec(text);
  if (!m) return false;
  const num = m[1]!;
  const title = m[2]!;
  // A bare '1 Foo' could be a list item or a table row; accept when short and title-like.
  const words = title.split(/\s+/);
  if (words.length > 12) return false;
  if (!num.includes('.') && /^[A-Z]$/.test(num)) return false;
  // Most words capitalised, or short: headings are title-like.
  const caps = words.filter((w) => /^[A-Z0-9("'“/]/.test(w)).length;
  if (words.length > 3 && caps / words.length < 0.5) return false;
  // A following line that continues the sentence means this was prose.
  if (next !== undefined && /^\s*[a-z]/.test(next) && !/^\s*$/.test(next)) return false;
  return true;
}

interface RawHeading {
  index: number;
  level: number;
  text: string;
  /** Lines consumed by the heading (underline, overline). */
  extra: number[];
}

/**
 * Finds headings. Returns them in order with a level; the set of line indexes that are heading
 * decoration (underlines) is returned too so that the sentence splitter can skip them.
 */
export function findHeadings(lines: TextLine[]): { headings: RawHeading[]; decoration: Set<number> } {
  const headings: RawHeading[] = [];
  const decoration = new Set<number>();
  const readerMarks = lines.some((l) => l.heading !== undefined);
  const underlineLevels: string[] = []; // rst: level by order of first appearance of each style
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    if (line.heading !== undefined) {
      // A table-of-contents entry the reader took for a heading: its page number follows on a
      // dot-leader line ('3.4 PATIENT/STUDY ONLY … DEFINATION' then '…………… 26').
      if ((TOC_LEADER.test(lines[i + 1]?.text ?? '') || TOC_LEADER.test(text)) && !TITLE.skip.test(text)) continue;
      const t = cleanHeading(text.replace(MD_HEADING, '$2'));
      if (t) headings.push({ index: i, level: line.heading, text: t, extra: [] });
      continue;
    }
    if (line.cells && line.cells.length > 1) continue;
    // 'SECTION 1. INTRODUCTION' in capitals: a chapter heading even when the reader marked none.
    if (readerMarks && SECTION_CAPS.test(text)) {
      headings.push({ index: i, level: 2, text: cleanHeading(text), extra: [] });
      continue;
    }
    const md = MD_HEADING.exec(text);
    if (md && !readerMarks) {
      const t = cleanHeading(md[2]!);
      if (t) headings.push({ index: i, level: md[1]!.length, text: t, extra: [] });
      continue;
    }
    const tex = LATEX_HEADING.exec(text);
    if (tex) {
      const t = cleanHeading(tex[2]!.replace(/\\[a-z]+\{([^}]{0,60})\}/gi, '$1'));
      if (t) headings.push({ index: i, level: LATEX_LEVEL[tex[1]!] ?? 2, text: t, extra: [] });
      continue;
    }
    // setext / rst: a text line followed by an underline at least as long as most of the text.
    const next = lines[i + 1]?.text;
    if (!readerMarks && next !== undefined && text.trim() && !UNDERLINE.test(text) && text.length <= 200) {
      const u = UNDERLINE.exec(next);
      if (u && next.trim().length >= Math.min(3, text.trim().length) && next.trim().length >= text.trim().length * 0.6) {
        const prev = lines[i - 1]?.text;
        const over = prev !== undefined && UNDERLINE.test(prev) && prev.trim()[0] === next.trim()[0];
        const style = (over ? 'o' : '') + u[1]!;
        // A '---' under a table row or list item in Markdown is a rule, not an underline.
        if (!/^\s*[|+]/.test(text) && !(u[1] === '-' && /^\s*[-*]\s/.test(text))) {
          let lvl = underlineLevels.indexOf(style);
          if (lvl < 0) {
            underlineLevels.push(style);
            lvl = underlineLevels.length - 1;
          }
          const t = cleanHeading(text);
          if (t) {
            headings.push({ index: i, level: lvl + 1, text: t, extra: over ? [i - 1, i + 1] : [i + 1] });
            decoration.add(i + 1);
            if (over) decoration.add(i - 1);
            i++;
            continue;
          }
        }
      }
    }
    if (!readerMarks && looksLikeNumberedHeading(cleanHeading(text), next)) {
      const t = cleanHeading(text);
      const { number } = splitNumber(t);
      const level = number ? number.split('.').filter(Boolean).length : 1;
      headings.push({ index: i, level, text: t, extra: [] });
    }
  }
  return { headings, decoration };
}

/** Builds the flat list of sections (in document order, each with its level and line range). */
export function buildSections(lines: TextLine[]): { sections: CsSection[]; decoration: Set<number> } {
  const { headings, decoration } = findHeadings(lines);
  const sections: CsSection[] = headings.map((h) => {
    const { number, title } = splitNumber(h.text);
    const line = lines[h.index]!;
    const section: CsSection = {
      title,
      level: h.level,
      location: { line: line.line, ...(line.page !== undefined ? { page: line.page } : {}) },
      startLine: h.index,
      endLine: lines.length,
      kind: classifyTitle(title),
    };
    if (number) section.number = number;
    return section;
  });
  // A section runs until the next heading of the same or a higher level.
  for (let s = 0; s < sections.length; s++) {
    for (let t = s + 1; t < sections.length; t++) {
      if (sections[t]!.level <= sections[s]!.level) {
        sections[s]!.endLine = sections[t]!.startLine;
        break;
      }
    }
  }
  return { sections, decoration };
}

/** For each line index, the innermost section containing it (or -1 before the first heading). */
export function sectionIndexByLine(lineCount: number, sections: CsSection[]): Int32Array {
  const map = new Int32Array(lineCount).fill(-1);
  // Sections are in order and nest; a later start overrides an enclosing one.
  for (let s = 0; s < sections.length; s++) {
    const sec = sections[s]!;
    const next = sections[s + 1]?.startLine ?? lineCount;
    for (let i = sec.startLine; i < Math.min(next, sec.endLine); i++) map[i] = s;
  }
  // Lines after a subsection ends but before the parent ends belong to the parent.
  for (let s = 0; s < sections.length; s++) {
    const sec = sections[s]!;
    for (let i = sec.startLine; i < sec.endLine; i++) {
      if (map[i] === -1) map[i] = s;
    }
  }
  return map;
}

/** The chain of enclosing sections, innermost first. */
export function ancestry(sections: CsSection[], index: number): CsSection[] {
  const out: CsSection[] = [];
  if (index < 0) return out;
  const sec = sections[index]!;
  out.push(sec);
  let level = sec.level;
  for (let s = index - 1; s >= 0; s--) {
    const cand = sections[s]!;
    if (cand.level < level && cand.endLine > sec.startLine) {
      out.push(cand);
      level = cand.level;
    }
  }
  return out;
}

/** The heading as written, with its number: the logical location quoted in evidence. */
export function sectionLabel(sec: CsSection | undefined | null): string | undefined {
  if (!sec) return undefined;
  return sec.number ? `${sec.number} ${sec.title}` : sec.title;
}
