// XML, DocBook first → lines with locations. Parsed with fast-xml-parser; the DOCTYPE (and with
// it every entity declaration, internal or external) is blanked out before parsing, so nothing is
// ever expanded or fetched. Section titles become headings by section nesting, CALS and HTML table
// rows become cells, and every element holding text becomes one line at its start tag's line.
// An XML data vocabulary (DATA_NAMESPACES: a CycloneDX BOM) is no prose: its lines are the file's
// own and an element tree (attributes, namespaces, the line and a path of every element) is kept
// beside it for the kind that reads it, after the text was checked well formed.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { TextSource } from './source.js';
import { LineSink, decodeEntities, normalizeSpace, lineIndex, splitLines } from './text-common.js';

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

/**
 * fast-xml-parser in document order with the start index of every element, entities never
 * processed, values kept as text; `options` adds what differs between prose and data reading.
 * Its errors become UnreadableError (`limit` for nesting, else `corrupt`).
 */
function parseOrdered(clean: string, options: ConstructorParameters<typeof XMLParser>[0]): XNode[] {
  const parser = new XMLParser({
    preserveOrder: true,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: false,
    parseTagValue: false,
    cdataPropName: CDATA,
    captureMetaData: true,
    ...options,
  });
  try {
    return parser.parse(clean) as XNode[];
  } catch (err) {
    const msg = String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 200);
    if (/nested tags/i.test(msg)) throw new UnreadableError(`the XML is nested too deeply: ${msg}`, 'limit');
    throw new UnreadableError(`the XML cannot be read: ${msg}`, 'corrupt');
  }
}

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
  const data = dataNamespaceOf(text);
  if (data) return readDataXml(text, data);
  const clean = blankDoctype(text);
  const tree = parseOrdered(clean, { ignoreAttributes: true, removeNSPrefix: true });
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

/** Root-element namespaces of XML vocabularies that are data, read as a tree rather than as prose. */
const DATA_NAMESPACES = [/^http:\/\/cyclonedx\.org\/schema\/bom\/[^\s/]+$/];

/** One element of an XML data document. */
export interface XmlElement {
  /** Local name, without its prefix. */
  name: string;
  /** The namespace the element is in (from the xmlns declarations in scope), null when none. */
  namespace: string | null;
  /** Attributes by name as written (prefix included), values with entities decoded; no prototype. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (CDATA included, child elements' text excluded), entities decoded. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
  /** A path-like locator: /bom/components/component[2]/version (an index where a name repeats among siblings). */
  path: string;
}

/** The namespace of the root element when it is a data vocabulary's, read from the start tag only. */
export function dataNamespaceOf(text: string): string | null {
  const clean = blankDoctype(text.slice(0, 65_536));
  // The first start tag after the prolog (declaration, processing instructions, comments).
  const re = /<(!--[\s\S]*?-->|\?[\s\S]*?\?>|([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>)/g;
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    if (!m[2]) continue;
    const prefix = m[2].includes(':') ? m[2].slice(0, m[2].indexOf(':')) : '';
    const decl = new RegExp(`\\sxmlns${prefix ? `:${prefix.replace(/[.]/g, '\\.')}` : ''}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[3] ?? '');
    const ns = decl ? (decl[1] ?? decl[2] ?? '').trim() : '';
    return DATA_NAMESPACES.some((d) => d.test(ns)) ? ns : null;
  }
  return null;
}

const trees = new WeakMap<TextSource, XmlElement>();

/** The element tree of a data XML text; UnreadableError `corrupt` when it is not well formed, `limit` past the budgets. */
export function parseXmlTree(text: string): XmlElement {
  const clean = blankDoctype(text);
  const valid = XMLValidator.validate(clean);
  if (valid !== true) {
    const e = valid.err;
    throw new UnreadableError(`the XML is not well formed: ${String(e.msg).slice(0, 200)} (line ${e.line})`, 'corrupt');
  }
  const nodes = parseOrdered(clean, {
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    commentPropName: '#comment',
    removeNSPrefix: false,
    maxNestedTags: Math.min(limits.maxNesting, 100),
  });
  const meta = XMLParser.getMetaDataSymbol() as unknown as symbol;
  const lineAt = lineIndex(clean);
  const nameOf = (node: XNode): string | undefined => Object.keys(node).find((k) => k !== ':@');
  let count = 0;
  let root: XmlElement | undefined;
  // Walked without recursion: each entry is a node list, its parent element and the xmlns in scope.
  const queue: { nodes: XNode[]; parent: XmlElement | null; scope: Map<string, string> }[] = [{ nodes, parent: null, scope: new Map() }];
  for (let q = 0; q < queue.length; q++) {
    const { nodes: list, parent, scope } = queue[q]!;
    const seen = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const n of list) {
      const raw = nameOf(n);
      if (raw && raw[0] !== '#') totals.set(raw, (totals.get(raw) ?? 0) + 1);
    }
    for (const n of list) {
      const raw = nameOf(n);
      if (!raw) continue;
      if (raw === TEXT) {
        if (parent) parent.text += decodeEntities(String(n[TEXT] ?? ''));
        continue;
      }
      if (raw === CDATA) {
        if (parent) for (const c of (n[CDATA] as XNode[] | undefined) ?? []) parent.text += String(c[TEXT] ?? '');
        continue;
      }
      if (raw[0] === '#') continue; // comments
      if (++count > limits.maxJsonValues) throw new UnreadableError(`the XML has more than ${limits.maxJsonValues} elements, over the maxJsonValues limit`, 'limit');
      const attributes: Record<string, string> = Object.create(null);
      const own = (n[':@'] ?? {}) as Record<string, unknown>;
      let inner = scope;
      for (const [k, v] of Object.entries(own)) {
        const value = decodeEntities(String(v ?? ''));
        attributes[k] = value;
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          if (inner === scope) inner = new Map(scope);
          inner.set(k === 'xmlns' ? '' : k.slice(6), value.trim());
        }
      }
      const colon = raw.indexOf(':');
      const name = colon >= 0 ? raw.slice(colon + 1) : raw;
      const prefix = colon >= 0 ? raw.slice(0, colon) : '';
      const index = (seen.get(raw) ?? 0) + 1;
      seen.set(raw, index);
      const step = (totals.get(raw) ?? 1) > 1 ? `${name}[${index}]` : name;
      const m = (n as Record<symbol, { startIndex?: number } | undefined>)[meta];
      const element: XmlElement = {
        name,
        namespace: inner.get(prefix) || null,
        attributes,
        children: [],
        text: '',
        line: m?.startIndex !== undefined ? lineAt(m.startIndex) : (parent?.line ?? 1),
        path: `${parent?.path ?? ''}/${step}`,
      };
      if (parent) parent.children.push(element);
      else if (!root) root = element;
      else throw new UnreadableError('the XML has more than one root element', 'corrupt');
      const kids = n[raw];
      if (Array.isArray(kids) && kids.length) queue.push({ nodes: kids as XNode[], parent: element, scope: inner });
    }
  }
  if (!root) throw new UnreadableError('the XML has no root element', 'corrupt');
  return root;
}

/** A data XML text as the file's own lines, its element tree kept beside them. */
function readDataXml(text: string, namespace: string): TextSource {
  const root = parseXmlTree(text);
  const lines = splitLines(text).map((t, i) => ({ text: t, line: i + 1, block: i + 1 }));
  const source: TextSource = { kind: 'text', format: 'xml', lines, dataNamespace: namespace };
  trees.set(source, root);
  return source;
}

/** The root element of a data XML source (parsed again from its lines when it crossed a thread); null for prose XML. */
export function xmlTreeOf(source: TextSource): XmlElement | null {
  if (source.format !== 'xml' || !source.dataNamespace) return null;
  let root = trees.get(source);
  if (!root) {
    root = parseXmlTree(source.lines.map((l) => l.text).join('\n'));
    trees.set(source, root);
  }
  return root;
}
