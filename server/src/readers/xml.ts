// XML, DocBook first → lines with locations. Parsed with fast-xml-parser; the DOCTYPE (and with
// it every entity declaration, internal or external) is blanked out before parsing, so nothing is
// ever expanded or fetched. Section titles become headings by section nesting, CALS and HTML table
// rows become cells, and every element holding text becomes one line at its start tag's line.
import { XMLParser } from 'fast-xml-parser';
import { UnreadableError } from '../core/errors.js';
import type { TextSource } from './source.js';
import { LineSink, decodeEntities, normalizeSpace, lineIndex } from './text-common.js';

const SECTIONS = new Set([
  'book', 'article', 'part', 'chapter', 'appendix', 'preface', 'section', 'sect1', 'sect2', 'sect3', 'sect4', 'sect5',
  'simplesect', 'refentry', 'refsect1', 'refsect2', 'refsect3', 'refsection', 'glossary', 'bibliography', 'colophon',
  'dedication', 'acknowledgements', 'index', 'reference', 'topic', 'set',
]);
const INFO = new Set(['info', 'bookinfo', 'articleinfo', 'chapterinfo', 'sectioninfo', 'sect1info', 'sect2info', 'sect3info', 'appendixinfo', 'prefaceinfo']);
const SKIP = new Set(['indexterm', 'remark', 'comment', 'annotation', 'mediaobject', 'imageobject', 'imagedata', 'inlinemediaobject', 'script', 'style']);
const ROWS = new Set(['row', 'tr']);
const CELLS = new Set(['entry', 'td', 'th', 'entrytbl']);
const TEXT = '#text';
const CDATA = '#cdata';

type XNode = Record<string, unknown>;

/** Replaces the DOCTYPE declaration (with its internal subset) by spaces, keeping line breaks. */
export function blankDoctype(text: string): string {
  const start = text.search(/<!DOCTYPE/i);
  if (start < 0) return text;
  let depth = 0;
  let quote = '';
  let k = start + 9;
  for (; k < text.length; k++) {
    const ch = text[k]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '>' && depth <= 0) break;
  }
  const blanked = text.slice(start, k + 1).replace(/[^\n]/g, ' ');
  return text.slice(0, start) + blanked + text.slice(k + 1);
}

export function readXml(text: string): TextSource {
  const clean = blankDoctype(text);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: false,
    parseTagValue: false,
    cdataPropName: CDATA,
    captureMetaData: true,
    removeNSPrefix: true,
  });
  let tree: XNode[];
  try {
    tree = parser.parse(clean) as XNode[];
  } catch (err) {
    const msg = String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 200);
    if (/nested tags/i.test(msg)) throw new UnreadableError(`the XML is nested too deeply: ${msg}`, 'limit');
    throw new UnreadableError(`the XML cannot be read: ${msg}`, 'corrupt');
  }
  const meta = XMLParser.getMetaDataSymbol() as unknown as symbol;
  const lineAt = lineIndex(clean);
  const sink = new LineSink();

  const nameOf = (node: XNode): string | undefined => {
    for (const k of Object.keys(node)) if (k !== ':@') return k;
    return undefined;
  };
  const lineOf = (node: XNode, fallback: number): number => {
    const m = (node as Record<symbol, { startIndex?: number } | undefined>)[meta];
    return m?.startIndex !== undefined ? lineAt(m.startIndex) : fallback;
  };
  const childrenOf = (node: XNode, name: string): XNode[] => {
    const c = node[name];
    return Array.isArray(c) ? (c as XNode[]) : [];
  };

  /** All text under a node, inline markup flattened. */
  const textOf = (nodes: XNode[]): string => {
    let out = '';
    for (const n of nodes) {
      const name = nameOf(n);
      if (!name) continue;
      if (name === TEXT) out += decodeEntities(String(n[TEXT] ?? ''));
      else if (name === CDATA) out += textOf(childrenOf(n, CDATA));
      else if (!SKIP.has(name.toLowerCase())) {
        const inner = textOf(childrenOf(n, name));
        // Block children inside mixed content still separate words.
        out += /^(para|simpara|listitem|entry|td|th|title|term|row|tr|p|li|br)$/i.test(name) ? ` ${inner} ` : inner;
      }
    }
    return out;
  };
  const hasText = (nodes: XNode[]) =>
    nodes.some((n) => {
      const name = nameOf(n);
      return (name === TEXT && String(n[TEXT] ?? '').trim() !== '') || name === CDATA;
    });

  const walk = (nodes: XNode[], depth: number, fallbackLine: number, sectionOwner: boolean) => {
    for (const node of nodes) {
      const rawName = nameOf(node);
      if (!rawName || rawName === TEXT || rawName === CDATA) continue;
      const name = rawName.toLowerCase();
      const line = lineOf(node, fallbackLine);
      const kids = childrenOf(node, rawName);
      if (SKIP.has(name)) continue;
      if (SECTIONS.has(name)) {
        sink.breakBlock();
        walk(kids, depth + 1, line, true);
        continue;
      }
      if (INFO.has(name)) {
        walk(kids, depth, line, sectionOwner);
        continue;
      }
      if (name === 'title' && sectionOwner && depth > 0) {
        sink.add(textOf(kids), line, { heading: Math.min(depth, 6) });
        continue;
      }
      if (ROWS.has(name)) {
        const cells = kids
          .filter((k) => CELLS.has((nameOf(k) ?? '').toLowerCase()))
          .map((k) => normalizeSpace(textOf(childrenOf(k, nameOf(k)!))));
        if (cells.some(Boolean)) {
          sink.breakBlock();
          sink.add(cells.join(' | '), line, { cells });
        }
        continue;
      }
      if (hasText(kids)) {
        sink.breakBlock();
        sink.add(textOf(kids), line);
        sink.breakBlock();
        continue;
      }
      walk(kids, depth, line, false);
    }
  };
  walk(tree, 0, 1, false);
  return sink.source('xml');
}
