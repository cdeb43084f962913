// HTML → lines with locations, by a small tolerant tokenizer. Nothing is rendered or run: script,
// style and template content is skipped, entities are decoded from a fixed table (a DTD's own
// entities are never expanded), and no URL is ever fetched. One TextLine per block (paragraph,
// heading, list item, table row), located at the source line where its text starts.
import type { TextSource } from './source.js';
import { LineSink, decodeEntities, normalizeSpace, lineIndex } from './text-common.js';

const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'object', 'iframe', 'select']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'xmp', 'plaintext', 'noembed', 'noframes']);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'param', 'source', 'track', 'wbr']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'title', 'tr', 'ul', 'br', 'option',
]);

interface Cell {
  text: string;
}

interface TableCtx {
  row: Cell[] | null;
  rowLine: number;
  rowEnd: number;
  cell: Cell | null;
  /** Used for layout, not data: headings or nested tables inside cells. */
  layout: boolean;
}

export function readHtml(text: string): TextSource {
  const lineAt = lineIndex(text);
  const sink = new LineSink();
  const tables: TableCtx[] = [];
  let buf = '';
  let bufStart = -1;
  let bufEnd = -1;
  let heading = 0;
  let headingLevelFromAria = 0;
  let pre = 0;
  let skipDepth = 0;
  let skipName = '';

  const table = () => tables[tables.length - 1];
  const inCell = () => {
    const t = table();
    return !!t && !t.layout && !!t.cell;
  };

  const flush = () => {
    if (bufStart < 0) return;
    const start = lineAt(bufStart);
    const end = lineAt(Math.max(bufStart, bufEnd - 1));
    if (pre) {
      let line = start;
      for (const part of buf.split('\n')) {
        sink.add(part, line++);
      }
      sink.breakBlock();
    } else {
      const level = heading || headingLevelFromAria;
      sink.add(buf, start, { ...(level ? { heading: level } : {}), endLine: end });
      sink.breakBlock();
    }
    buf = '';
    bufStart = -1;
    bufEnd = -1;
  };

  const addText = (s: string, at: number, endAt: number) => {
    const t = table();
    if (t && !t.layout && t.row) {
      if (!t.cell) {
        if (!s.trim()) return;
        t.cell = { text: '' };
        t.row.push(t.cell);
      }
      t.cell.text += s;
      if (s.trim()) t.rowEnd = endAt;
      return;
    }
    if (!s.trim() && bufStart < 0) return;
    if (bufStart < 0) bufStart = at + (s.length - s.trimStart().length);
    buf += s;
    bufEnd = endAt;
  };

  const endRow = () => {
    const t = table();
    if (!t || !t.row) return;
    const cells = t.row.map((c) => normalizeSpace(c.text));
    if (cells.some(Boolean)) {
      sink.breakBlock();
      const line = lineAt(t.rowLine);
      sink.add(cells.join(' | '), line, { cells, endLine: lineAt(Math.max(t.rowLine, t.rowEnd - 1)) });
    }
    t.row = null;
    t.cell = null;
  };

  /** A heading or nested table inside a cell: the table lays out the page; its rows are not data. */
  const makeLayout = () => {
    const t = table();
    if (!t || t.layout || !t.row) return;
    const partial = t.row.map((c) => normalizeSpace(c.text)).filter(Boolean).join(' ');
    t.layout = true;
    t.row = null;
    t.cell = null;
    if (partial) {
      const line = lineAt(t.rowLine);
      sink.add(partial, line);
      sink.breakBlock();
    }
  };

  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && skipDepth === 0) {
      const raw = decodeEntities(text.slice(i, textEnd));
      addText(pre ? raw : raw.replace(/\s+/g, ' '), i, textEnd);
    }
    if (lt < 0) break;
    i = lt;

    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      const stop = end < 0 ? n : end;
      if (skipDepth === 0) addText(text.slice(i + 9, stop), i + 9, stop);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<!', i) || text.startsWith('<?', i)) {
      // Doctype, declarations and processing instructions: skipped, with any internal subset.
      let depth = 0;
      let k = i + 2;
      for (; k < n; k++) {
        const ch = text[k];
        if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      i = k + 1;
      continue;
    }
    const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/.exec(text.slice(i, i + 64));
    if (!m) {
      if (skipDepth === 0) addText('<', i, i + 1);
      i++;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    // Find the end of the tag, honouring quoted attribute values.
    let k = i + m[0].length;
    let quote = '';
    for (; k < n; k++) {
      const ch = text[k]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    const tagText = text.slice(i, Math.min(k + 1, n));
    const selfClosing = tagText.endsWith('/>');
    const tagStart = i;
    i = k + 1;

    if (skipDepth > 0) {
      if (name === skipName) {
        if (closing) skipDepth--;
        else if (!selfClosing) skipDepth++;
      }
      continue;
    }
    if (!closing && RAW_TEXT.has(name) && !selfClosing) {
      // Raw text runs to the matching end tag, whatever it contains.
      const close = text.toLowerCase().indexOf(`</${name}`, i);
      if (name === 'textarea' || name === 'xmp') {
        const stop = close < 0 ? n : close;
        addText(decodeEntities(text.slice(i, stop)), i, stop);
      }
      i = close < 0 ? n : text.indexOf('>', close) + 1 || n;
      continue;
    }
    if (!closing && SKIP_CONTENT.has(name) && !selfClosing) {
      skipDepth = 1;
      skipName = name;
      continue;
    }

    const t = table();
    if (name === 'table') {
      if (!closing) {
        if (t && !t.layout && t.row) makeLayout();
        flush();
        tables.push({ row: null, rowLine: 0, rowEnd: 0, cell: null, layout: false });
      } else if (t) {
        endRow();
        tables.pop();
        sink.breakBlock();
      }
      continue;
    }
    if (t && !t.layout) {
      if (name === 'tr') {
        endRow();
        if (!closing) {
          flush();
          t.row = [];
          t.rowLine = tagStart;
          t.rowEnd = i;
        }
        continue;
      }
      if (name === 'td' || name === 'th') {
        if (!closing) {
          if (!t.row) {
            flush();
            t.row = [];
            t.rowLine = tagStart;
          }
          t.cell = { text: '' };
          t.row.push(t.cell);
          const span = /\bcolspan\s*=\s*["']?(\d{1,3})/i.exec(tagText);
          for (let s = 1; s < Math.min(Number(span?.[1] ?? 1), 50); s++) t.row.push({ text: '' });
          if (span && Number(span[1]) > 1) t.cell = t.row[t.row.length - Number(span[1])]!;
        } else t.cell = null;
        continue;
      }
      if (inCell() && /^h[1-6]$/.test(name)) makeLayout();
      else if (inCell() || t.row) {
        // Inside a data row, other blocks just separate words.
        if (BLOCK.has(name) && t.cell) t.cell.text += ' ';
        continue;
      }
    }

    const hm = /^h([1-6])$/.exec(name);
    if (hm) {
      flush();
      heading = closing ? 0 : Number(hm[1]);
      continue;
    }
    if (name === 'pre') {
      flush();
      pre = closing ? Math.max(0, pre - 1) : pre + 1;
      continue;
    }
    if (!closing && /\brole\s*=\s*["']?heading/i.test(tagText)) {
      flush();
      headingLevelFromAria = Number(/\baria-level\s*=\s*["']?(\d)/i.exec(tagText)?.[1] ?? 2);
      continue;
    }
    if (BLOCK.has(name) || (closing && headingLevelFromAria)) {
      if (pre && name === 'br') {
        addText('\n', tagStart, i);
        continue;
      }
      flush();
      if (closing && headingLevelFromAria && !BLOCK.has(name)) headingLevelFromAria = 0;
      else if (closing && headingLevelFromAria) headingLevelFromAria = 0;
      continue;
    }
    if (VOID.has(name) && name === 'img') {
      const alt = /\balt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(tagText);
      const a = alt?.[2] ?? alt?.[3];
      if (a) addText(` ${decodeEntities(a)} `, tagStart, i);
    }
  }
  while (tables.length) {
    endRow();
    tables.pop();
  }
  flush();
  return sink.source('html');
}
