// OpenDocument Text (.odt) → lines: one per paragraph or heading of content.xml, `line` = paragraph
// number in document order. Headings: text:h with its outline level, paragraph styles derived from
// a Heading style, and bold numbered paragraphs ('A.2.1 AE Specification'). Table rows → cells.
import { UnreadableError } from '../core/errors.js';
import type { TextSource } from './source.js';
import { attr, xmlTokens } from './office-xml.js';
import { LineSink, normalizeSpace, numberedHeadingLevel } from './text-common.js';
import { openZip } from './zip.js';

interface StyleInfo {
  parent?: string;
  outline?: number;
  bold?: boolean;
}

interface Para {
  text: string;
  number: number;
  level?: number;
  style?: string;
  chars: number;
  boldChars: number;
}

const SKIP = new Set(['text:note', 'office:annotation', 'text:tracked-changes', 'svg:desc', 'svg:title', 'text:note-citation', 'office:annotation-end']);

/** Paragraph and text styles: parent, outline level, bold. */
function readStyles(xml: string, into: Map<string, StyleInfo>): void {
  let cur: StyleInfo | undefined;
  for (const t of xmlTokens(xml)) {
    if (t.type === 'open' && t.name === 'style:style') {
      const name = attr(t.attrs, 'style:name');
      cur = { parent: attr(t.attrs, 'style:parent-style-name') };
      const outline = Number(attr(t.attrs, 'style:default-outline-level'));
      if (Number.isInteger(outline) && outline > 0) cur.outline = outline;
      if (name) into.set(name, cur);
      if (t.selfClosing) cur = undefined;
    } else if (t.type === 'open' && cur && t.name === 'style:text-properties') {
      const w = attr(t.attrs, 'fo:font-weight');
      if (w) cur.bold = w === 'bold' || Number(w) >= 600;
    } else if (t.type === 'close' && t.name === 'style:style') cur = undefined;
  }
}

export function readOdt(bytes: Uint8Array): TextSource {
  const zip = openZip(bytes);
  if (!zip.has('content.xml')) throw new UnreadableError('an OpenDocument file without content.xml', 'corrupt');
  const styles = new Map<string, StyleInfo>();
  if (zip.has('styles.xml')) readStyles(zip.readText('styles.xml'), styles);
  const xml = zip.readText('content.xml');
  readStyles(xml, styles);

  const resolve = (name: string | undefined, pick: (s: StyleInfo) => number | boolean | undefined) => {
    for (let k = 0, n = name; n && k < 10; k++) {
      const s = styles.get(n);
      if (!s) {
        const m = /^Heading_20_(\d+)$/.exec(n);
        return m ? (pick({ outline: Number(m[1]) }) as number | undefined) : undefined;
      }
      const v = pick(s);
      if (v !== undefined) return v;
      n = s.parent;
    }
    return undefined;
  };
  const outlineOf = (name?: string) => resolve(name, (s) => s.outline) as number | undefined;
  const boldOf = (name?: string) => resolve(name, (s) => s.bold) === true;

  const sink = new LineSink();
  let count = 0;
  const paras: Para[] = [];
  const spans: boolean[] = [];
  const rows: { cells: string[]; first: number; last: number }[] = [];
  const cells: { parts: string[]; repeat: number }[] = [];
  let skip = 0;
  let inBody = false;
  let toc = 0; // inside a table of contents or an index: entries are not headings

  const current = () => paras[paras.length - 1];
  const addText = (s: string) => {
    const p = current();
    if (!p) return;
    p.text += s;
    const n = s.replace(/\s/g, '').length;
    p.chars += n;
    if (spans.length ? spans[spans.length - 1] : boldOf(p.style)) p.boldChars += n;
  };

  for (const t of xmlTokens(xml)) {
    if (t.type === 'open') {
      if (t.name === 'office:body') inBody = true;
      if (!inBody) continue;
      if (skip || SKIP.has(t.name)) {
        if (!t.selfClosing && SKIP.has(t.name)) skip++;
        continue;
      }
      if (/^text:(table-of-content|alphabetical-index|illustration-index|table-index|user-index|object-index|bibliography)$/.test(t.name) && !t.selfClosing) toc++;
      switch (t.name) {
        case 'text:h':
        case 'text:p': {
          count++;
          const style = attr(t.attrs, 'text:style-name');
          const lvl = t.name === 'text:h' ? Number(attr(t.attrs, 'text:outline-level') ?? 1) : outlineOf(style);
          const p: Para = { text: '', number: count, style, chars: 0, boldChars: 0 };
          if (lvl && lvl > 0) p.level = Math.min(lvl, 6);
          if (t.selfClosing) {
            sink.breakBlock();
            if (cells.length) cells[cells.length - 1]!.parts.push('');
          } else paras.push(p);
          break;
        }
        case 'text:span':
          if (!t.selfClosing) {
            const st = attr(t.attrs, 'text:style-name');
            const inherited = spans.length ? spans[spans.length - 1]! : boldOf(current()?.style);
            const own = st ? resolve(st, (s) => s.bold) : undefined;
            spans.push(own === undefined ? inherited : own === true);
          }
          break;
        case 'text:s':
          addText(' '.repeat(Math.min(Number(attr(t.attrs, 'text:c') ?? 1) || 1, 100)));
          break;
        case 'text:tab':
        case 'text:line-break':
          addText(' ');
          break;
        case 'table:table-row':
          rows.push({ cells: [], first: count + 1, last: count + 1 });
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          const repeat = Math.min(Number(attr(t.attrs, 'table:number-columns-repeated') ?? 1) || 1, 64);
          if (t.selfClosing) {
            const r = rows[rows.length - 1];
            if (r) for (let k = 0; k < repeat; k++) r.cells.push('');
          } else cells.push({ parts: [], repeat });
          break;
        }
      }
    } else if (t.type === 'close') {
      if (!inBody) continue;
      if (skip) {
        if (SKIP.has(t.name)) skip--;
        continue;
      }
      if (/^text:(table-of-content|alphabetical-index|illustration-index|table-index|user-index|object-index|bibliography)$/.test(t.name)) toc = Math.max(0, toc - 1);
      switch (t.name) {
        case 'text:h':
        case 'text:p': {
          const p = paras.pop();
          if (!p) break;
          if (cells.length) {
            cells[cells.length - 1]!.parts.push(p.text);
            rows[rows.length - 1]!.last = p.number;
            break;
          }
          const text = normalizeSpace(p.text);
          let level = p.level;
          if (!level && p.chars > 0 && p.boldChars / p.chars > 0.9) {
            const d = numberedHeadingLevel(text);
            if (d && !/\.{4,}/.test(text)) level = Math.min(d, 6);
          }
          if (level && !toc) sink.add(text, p.number, { heading: level });
          else {
            sink.breakBlock();
            sink.add(text, p.number);
          }
          break;
        }
        case 'text:span':
          spans.pop();
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell': {
          const c = cells.pop();
          const r = rows[rows.length - 1];
          if (!c || !r) break;
          const text = normalizeSpace(c.parts.join(' '));
          // Repeated cells are only spelled out when they carry text (ODF repeats empty cells by thousands).
          for (let k = 0; k < (text ? c.repeat : 1); k++) r.cells.push(text);
          break;
        }
        case 'table:table-row': {
          const r = rows.pop();
          if (!r) break;
          while (r.cells.length && r.cells[r.cells.length - 1] === '') r.cells.pop();
          if (cells.length) {
            cells[cells.length - 1]!.parts.push(r.cells.join(' '));
            break;
          }
          sink.row(r.cells, r.first, r.last);
          break;
        }
      }
    } else if (inBody && !skip) addText(t.text);
  }
  return sink.source('odt');
}
