// Word (.docx) → lines: one per paragraph of word/document.xml, `line` = paragraph number in body
// order (paragraphs inside tables counted too). Headings from paragraph styles (Heading N, Title,
// localised style names via styles.xml, outline levels); table rows (w:tr) become cells.
import { UnreadableError } from '../core/errors.js';
import type { TextSource } from './source.js';
import { attr, xmlTokens } from './office-xml.js';
import { LineSink, normalizeSpace } from './text-common.js';
import { openZip } from './zip.js';

/** styleId → heading level, from styles.xml: names 'heading N' / 'Title', or an outline level. */
export function headingStyles(stylesXml: string): Map<string, number> {
  const levels = new Map<string, number>();
  let id: string | undefined;
  let level: number | undefined;
  for (const t of xmlTokens(stylesXml)) {
    if (t.type === 'open' && t.name === 'w:style') {
      id = attr(t.attrs, 'w:styleId');
      level = undefined;
    } else if (t.type === 'open' && id && t.name === 'w:name') {
      const name = attr(t.attrs, 'w:val') ?? '';
      const m = /^heading\s*(\d)$/i.exec(name);
      if (m) level = Number(m[1]);
      else if (/^title$/i.test(name)) level = 1;
    } else if (t.type === 'open' && id && t.name === 'w:outlineLvl' && level === undefined) {
      const v = Number(attr(t.attrs, 'w:val'));
      if (Number.isInteger(v) && v >= 0 && v < 9) level = v + 1;
    } else if (t.type === 'close' && t.name === 'w:style') {
      if (id && level) levels.set(id, level);
      id = undefined;
    }
  }
  return levels;
}

function styleLevel(styleId: string, styles: Map<string, number>): number | undefined {
  if (styles.has(styleId)) return styles.get(styleId);
  const m = /^(?:heading|berschrift|titre|kop|rubrik|otsikko|nagwek|titolo|encabezado|ttulo)\s*(\d)$/i.exec(styleId);
  if (m) return Number(m[1]);
  if (/^title$/i.test(styleId)) return 1;
  return undefined;
}

interface Para {
  text: string;
  number: number;
  style?: string;
  outline?: number;
}

interface Row {
  cells: string[];
  first: number;
  last: number;
}

export function readDocx(bytes: Uint8Array): TextSource {
  const zip = openZip(bytes);
  if (!zip.has('word/document.xml')) throw new UnreadableError('a Word file without word/document.xml', 'corrupt');
  const styles = zip.has('word/styles.xml') ? headingStyles(zip.readText('word/styles.xml')) : new Map<string, number>();
  const xml = zip.readText('word/document.xml');

  const sink = new LineSink();
  let paraCount = 0;
  const paras: Para[] = [];
  const rows: Row[] = []; // open table rows, innermost last
  const cells: string[][] = []; // paragraphs of the open cell per row level
  let inText = false;
  let skip = 0; // inside deleted text, field instructions, fallbacks

  const SKIP = new Set(['w:del', 'w:instrText', 'w:delText', 'mc:Fallback', 'w:footnoteReference', 'w:commentReference']);

  for (const t of xmlTokens(xml)) {
    if (t.type === 'open') {
      if (skip) {
        if (SKIP.has(t.name) && !t.selfClosing) skip++;
        continue;
      }
      if (SKIP.has(t.name)) {
        if (!t.selfClosing) skip++;
        continue;
      }
      switch (t.name) {
        case 'w:p':
          paraCount++;
          if (t.selfClosing) {
            sink.add('', paraCount);
            if (cells.length) cells[cells.length - 1]!.push('');
          } else paras.push({ text: '', number: paraCount });
          break;
        case 'w:pStyle': {
          const p = paras[paras.length - 1];
          if (p) p.style = attr(t.attrs, 'w:val');
          break;
        }
        case 'w:outlineLvl': {
          const p = paras[paras.length - 1];
          const v = Number(attr(t.attrs, 'w:val'));
          if (p && Number.isInteger(v) && v < 9) p.outline = v + 1;
          break;
        }
        case 'w:t':
          inText = !t.selfClosing;
          break;
        case 'w:tab':
        case 'w:br':
        case 'w:cr': {
          const p = paras[paras.length - 1];
          if (p) p.text += ' ';
          break;
        }
        case 'w:noBreakHyphen': {
          const p = paras[paras.length - 1];
          if (p) p.text += '-';
          break;
        }
        case 'w:tr':
          rows.push({ cells: [], first: paraCount + 1, last: paraCount + 1 });
          break;
        case 'w:tc':
          cells.push([]);
          break;
      }
    } else if (t.type === 'close') {
      if (skip) {
        if (SKIP.has(t.name)) skip--;
        continue;
      }
      switch (t.name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:p': {
          const p = paras.pop();
          if (!p) break;
          if (cells.length) {
            cells[cells.length - 1]!.push(p.text);
            rows[rows.length - 1]!.last = p.number;
            break;
          }
          const level = (p.style ? styleLevel(p.style, styles) : undefined) ?? p.outline;
          if (level) sink.add(p.text, p.number, { heading: Math.min(level, 6) });
          else {
            sink.breakBlock();
            sink.add(p.text, p.number);
          }
          break;
        }
        case 'w:tc': {
          const c = cells.pop() ?? [];
          const text = normalizeSpace(c.join(' '));
          rows[rows.length - 1]?.cells.push(text);
          break;
        }
        case 'w:tr': {
          const r = rows.pop();
          if (!r) break;
          if (cells.length) {
            // Nested table row: its text goes into the enclosing cell.
            cells[cells.length - 1]!.push(r.cells.join(' '));
            break;
          }
          sink.row(r.cells, r.first, r.last);
          break;
        }
      }
    } else if (inText && !skip) {
      const p = paras[paras.length - 1];
      if (p) p.text += t.text;
    }
  }
  return sink.source('docx');
}
