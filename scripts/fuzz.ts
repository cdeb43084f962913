// A seeded, mutation-based fuzzer for every reader (hand-rolled: bit flips, byte insertions and
// deletions, interesting bytes, chunk splices across seeds, and zip-entry mutations: mutate, drop,
// duplicate or rename one entry of a workbook / Word / OpenDocument file, then rezip).
// Every input goes through the real worker pool (worker, heap and time budgets). The invariant:
// each input ends as a model or an UnreadableError. A reader exception of any other kind, a hang
// (time budget), an out-of-memory or a crashed worker is a failure; failing inputs are written
// out so they can become regression fixtures (test/fixtures/regressions/).
//   Short run: test/fuzz/readers.test.ts (fixed seed, in npm test). Long run: npm run fuzz.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UnreadableError } from '../server/src/core/errors.js';
import type { WorkerPool } from '../server/src/engine/worker-pool.js';
import { documentXml, docxFrom, healthySeeds, odtFromText, pdfWithText, rng, sheetXml, xlsxFrom, type Seeds } from './hostile/generate.js';
import { readZip, writeZip } from './hostile/zip.js';
import * as XLSX from '@e965/xlsx';
import { FORMATS, type FormatId } from '../server/src/readers/formats.js';
import { buildMds2Workbook, NORTHWIND } from './samples/mds2.js';
import { contosoCsaf, contosoCycloneDx, contosoCycloneDxXml, contosoSpdx } from './samples/sbom.js';

export interface FuzzTarget {
  name: string;
  /** File extension given to inputs (text formats are told apart by it). */
  ext: string;
  seeds: Uint8Array[];
  /** Inputs are zip containers: also mutate entries. */
  zip?: boolean;
  /** Inputs are JSON: also mutate the parsed tree and write it out again (well formed, hostile in shape). */
  json?: boolean;
  /** Inputs are XML: also mutate text, attribute values and whole elements, keeping the markup well formed. */
  xml?: boolean;
  /**
   * Document kinds the seeds stand for: some mutated inputs must still end as a model of each, or the
   * mutations never reach that kind's parser (the short run checks it).
   */
  reaches?: string[];
}

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** The Markdown sample's headings, paragraphs and table rows, for seeds in other text formats. */
function blocksOf(md: string): { heading?: number; text?: string; cells?: string[] }[] {
  const out: { heading?: number; text?: string; cells?: string[] }[] = [];
  for (const line of md.split('\n')) {
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) out.push({ heading: h[1]!.length, text: h[2]! });
    else if (/^\|/.test(line) && !/^\|[-:| ]+\|$/.test(line)) out.push({ cells: line.split('|').slice(1, -1).map((c) => c.trim()) });
    else if (line.trim()) out.push({ text: line.trim() });
  }
  return out;
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function asHtml(md: string): string {
  const body = blocksOf(md)
    .map((b) => (b.cells ? `<table><tr>${b.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr></table>` : b.heading ? `<h${b.heading}>${esc(b.text!)}</h${b.heading}>` : `<p>${esc(b.text!)}</p>`))
    .join('\n');
  return `<!doctype html><html><head><title>x</title><script>x()</script></head><body>\n${body}\n</body></html>\n`;
}

function asDocBook(md: string): string {
  let depth = 0;
  let out = '<?xml version="1.0"?>\n<article>\n';
  for (const b of blocksOf(md)) {
    if (b.heading) {
      const level = b.heading === 1 ? 0 : b.heading - 1;
      if (level === 0) out += `<title>${esc(b.text!)}</title>\n`;
      else {
        while (depth >= level) (out += '</section>\n'), depth--;
        while (depth < level) (out += '<section>\n'), depth++;
        out += `<title>${esc(b.text!)}</title>\n`;
      }
    } else if (b.cells) out += `<informaltable><tgroup cols="${b.cells.length}"><tbody><row>${b.cells.map((c) => `<entry>${esc(c)}</entry>`).join('')}</row></tbody></tgroup></informaltable>\n`;
    else out += `<para>${esc(b.text!)}</para>\n`;
  }
  while (depth-- > 0) out += '</section>\n';
  return `${out}</article>\n`;
}

function asRst(md: string): string {
  const marks = ['=', '-', '~', '^', '"', "'"];
  return blocksOf(md)
    .map((b) => (b.heading ? `${b.text}\n${marks[b.heading - 1]!.repeat(Math.max(3, b.text!.length))}\n` : b.cells ? `* ${b.cells.join(' | ')}\n` : `${b.text}\n`))
    .join('\n');
}

function asLatex(md: string): string {
  const cmd = ['section*', 'section', 'subsection', 'subsubsection', 'paragraph', 'paragraph'];
  const body = blocksOf(md)
    .map((b) => (b.heading ? `\\${cmd[b.heading - 1]}{${b.text}}` : b.cells ? `\\begin{tabular}{${'l'.repeat(b.cells.length)}}\n${b.cells.join(' & ')} \\\\\n\\end{tabular}` : b.text!))
    .join('\n\n');
  return `\\documentclass{article}\n\\begin{document}\n${body}\n\\end{document}\n`;
}

/** A small CycloneDX BOM whose root carries a namespace prefix (elements found by namespace, not by spelling). */
const cycloneDxXmlPrefixed = `<?xml version="1.0"?>
<c:bom xmlns:c="http://cyclonedx.org/schema/bom/1.5" version="2">
  <c:metadata><c:component type="application"><c:name>Acme PACS</c:name><c:version>3.2</c:version><c:supplier><c:name>Acme &amp; Co</c:name></c:supplier></c:component></c:metadata>
  <c:components>
    <c:component type="library" bom-ref="openssl"><c:name>openssl</c:name><c:version>1.0.2k</c:version><c:purl>pkg:generic/openssl@1.0.2k</c:purl></c:component>
    <c:component type="library"><c:name><![CDATA[dcmtk]]></c:name></c:component>
  </c:components>
</c:bom>
`;

/**
 * One target per format of readers/formats.ts, named by its id, inputs given its first extension.
 * A text format without seeds of its own starts from the sample statement's text; a binary format
 * must name seeds (test/architecture/formats.test.ts checks each seed's container).
 */
export function fuzzTargets(seeds: Seeds = healthySeeds()): FuzzTarget[] {
  const md = seeds.md;
  const mdLines = md.split('\n');
  const workbook = (bookType: 'ods' | 'biff8') => new Uint8Array(XLSX.write(buildMds2Workbook(NORTHWIND), { type: 'buffer', bookType, compression: true }) as Buffer);
  const byFormat: Partial<Record<FormatId, Omit<FuzzTarget, 'name' | 'ext'>>> = {
    xlsx: { zip: true, seeds: [seeds.xlsx, seeds.xlsx2, xlsxFrom(), xlsxFrom({ sheetNames: ['a', 'b'], sheets: [sheetXml([['AUTH-1', 'q', 'Yes']]), sheetXml([['x']])] })] },
    pdf: { seeds: [seeds.pdf, pdfWithText()] },
    docx: { zip: true, seeds: [seeds.docx, docxFrom(documentXml(['# Title', 'text']))] },
    odt: { zip: true, seeds: [seeds.odt, odtFromText('# DICOM Conformance Statement\n\nSecurity: none.')] },
    csv: { seeds: [enc(seeds.csv), enc('Question ID;Question;Answer\nAUTH-1;"a ""quoted"" q";Yes\n')] },
    markdown: { seeds: [enc(md), enc(mdLines.slice(0, 40).join('\n'))] },
    text: { seeds: [enc(md.replace(/^#+ /gm, '').replace(/\|/g, ' '))] },
    html: {
      seeds: [enc(asHtml(md)), enc(`<!doctype html><html><body><h1>DICOM Conformance Statement</h1><h2>1 Introduction</h2><p>Acme PACS by Acme.</p><table><tr><th>SOP</th><th>UID</th></tr><tr><td>Verification</td><td>1.2.840.10008.1.1</td></tr></table><script>x()</script></body></html>`)],
    },
    xml: {
      xml: true,
      reaches: ['conformance-statement', 'sbom'],
      // DocBook prose, and CycloneDX XML (a data namespace: documents/sbom/parse.ts), one with a prefixed root.
      seeds: [enc(asDocBook(md)), enc(contosoCycloneDxXml()), enc(cycloneDxXmlPrefixed), enc(`<?xml version="1.0"?><article><title>DICOM Conformance Statement</title><section><title>Security</title><para>TLS 1.2 on port 2762.</para><informaltable><tgroup cols="2"><tbody><row><entry>Verification</entry><entry>1.2.840.10008.1.1</entry></row></tbody></tgroup></informaltable></section></article>`)],
    },
    rst: { seeds: [enc(asRst(md)), enc(`DICOM Conformance Statement\n===========================\n\nIntroduction\n------------\n\nAcme PACS.\n\n+------+------+\n| a    | b    |\n+======+======+\n| 1    | 2    |\n+------+------+\n\n.. list-table::\n   :header-rows: 1\n\n   * - SOP\n     - UID\n   * - Verification\n     - 1.2.840.10008.1.1\n`)] },
    latex: { seeds: [enc(asLatex(md)), enc(`\\documentclass{article}\\begin{document}\\section{DICOM Conformance Statement}\\subsection{Security}TLS \\textbf{1.2}.\\begin{tabular}{ll}Verification & 1.2.840.10008.1.1\\\\\\end{tabular}\\end{document}\n`)] },
    json: {
      json: true,
      reaches: ['sbom', 'advisory'],
      seeds: [enc(JSON.stringify(contosoCycloneDx(), null, 2)), enc(JSON.stringify(contosoCycloneDx('1.4'))), enc(JSON.stringify(contosoCsaf(), null, 2)), enc(JSON.stringify(contosoSpdx(), null, 1))],
    },
    ods: { zip: true, seeds: [workbook('ods')] },
    xls: { seeds: [workbook('biff8')] },
  };
  return FORMATS.map((f) => ({ name: f.id, ext: f.extensions[0], ...(byFormat[f.id] ?? { seeds: f.container === 'text' ? [enc(md)] : [] }) }));
}

const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x20, 0x0a, 0x0d, 0x3c, 0x3e, 0x26, 0x22, 0x27, 0x5b, 0x5d, 0x28, 0x29, 0x2f, 0x5c, 0x25, 0x7c, 0x2c, 0x23];
const TOKENS = ['<', '>', '&', '&amp;', '&#0;', '&#x10FFFF;', '<!DOCTYPE a [<!ENTITY e "x">]>', '<![CDATA[', ']]>', '"', "'", '\u0000', '\uFFFD', '__proto__', 'constructor', '9'.repeat(30), '-1', 'NaN', '1e308', '%PDF-1.7', 'obj', 'endobj', 'stream\n', 'endstream', '/Length 99999999', '<<', '>>', '[', ']', 'R', '0 0 R', '|', '---', '===', '.. ', '::', '\\begin{', '}', '#', '* ', '> '];

export type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);

/** One byte-level mutation. */
export function mutateBytes(input: Uint8Array, rand: Rand, others: Uint8Array[] = []): Uint8Array {
  const b = input;
  const n = b.length;
  switch (int(rand, 9)) {
    case 0: {
      const out = b.slice();
      for (let i = 1 + int(rand, 8); i > 0 && n > 0; i--) out[int(rand, n)]! ^= 1 << int(rand, 8);
      return out;
    }
    case 1: {
      const out = b.slice();
      for (let i = 1 + int(rand, 4); i > 0 && n > 0; i--) out[int(rand, n)] = pick(rand, INTERESTING);
      return out;
    }
    case 2: {
      // insert random bytes
      const at = int(rand, n + 1);
      const ins = new Uint8Array(1 + int(rand, 16)).map(() => int(rand, 256));
      return concat(b.subarray(0, at), ins, b.subarray(at));
    }
    case 3: {
      // delete a run
      if (n < 2) return b.slice();
      const at = int(rand, n);
      const len = 1 + int(rand, Math.min(64, n - at));
      return concat(b.subarray(0, at), b.subarray(at + len));
    }
    case 4: {
      // duplicate a chunk (repetition, nesting)
      if (n < 2) return b.slice();
      const at = int(rand, n);
      const len = 1 + int(rand, Math.min(256, n - at));
      const chunk = b.subarray(at, at + len);
      const times = 1 + int(rand, 20);
      return concat(b.subarray(0, at + len), ...Array.from({ length: times }, () => chunk), b.subarray(at + len));
    }
    case 5: {
      // splice a chunk from another seed
      const other = others.length ? pick(rand, others) : b;
      if (other.length < 2) return b.slice();
      const from = int(rand, other.length);
      const chunk = other.subarray(from, from + 1 + int(rand, Math.min(512, other.length - from)));
      const at = int(rand, n + 1);
      return concat(b.subarray(0, at), chunk, b.subarray(at + int(rand, 64)));
    }
    case 6: {
      // insert a syntax token
      const at = int(rand, n + 1);
      return concat(b.subarray(0, at), new Uint8Array(Buffer.from(pick(rand, TOKENS), 'utf8')), b.subarray(at));
    }
    case 7:
      // truncate
      return b.slice(0, int(rand, n + 1));
    default: {
      // overwrite a run with one byte
      const out = b.slice();
      if (n === 0) return out;
      const at = int(rand, n);
      out.fill(pick(rand, INTERESTING), at, Math.min(n, at + 1 + int(rand, 32)));
      return out;
    }
  }
}

/** One zip-entry mutation: mutate, drop, duplicate, rename or reorder an entry, then rezip. */
export function mutateZip(input: Uint8Array, rand: Rand, others: Uint8Array[] = []): Uint8Array {
  let entries;
  try {
    entries = readZip(input);
  } catch {
    return mutateBytes(input, rand, others);
  }
  if (entries.length === 0) return mutateBytes(input, rand, others);
  const k = int(rand, entries.length);
  switch (int(rand, 6)) {
    case 0:
    case 1: {
      const e = entries[k]!;
      let data = e.data;
      for (let i = 1 + int(rand, 3); i > 0; i--) data = mutateBytes(data, rand);
      entries[k] = { ...e, data };
      break;
    }
    case 2:
      entries.splice(k, 1);
      break;
    case 3:
      entries.push({ ...entries[k]! });
      break;
    case 4:
      entries[k] = { ...entries[k]!, name: pick(rand, ['__proto__', '../evil.xml', 'xl/worksheets/sheet1.xml', 'word/document.xml', 'content.xml', '[Content_Types].xml', entries[k]!.name.toUpperCase(), '']) };
      break;
    default:
      entries.reverse();
  }
  return writeZip(entries.map((e, i) => ({ name: e.name, data: e.data, method: i === 0 && e.name === 'mimetype' ? 'store' : 'deflate' })));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const HOSTILE_JSON: Json[] = [null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, '', ' ', 'x'.repeat(5000), '\u0000', '__proto__', 'constructor', 'toString', 'pkg:', 'cpe:2.3:a', 'CVE-', '9999-99-99T99:99:99Z', [], {}, [null], { '': null }, [[[[[[[[[[]]]]]]]]]]];

/** Every container in a tree with each of its keys (the places a value can be changed), bounded. */
function placesOf(root: Json): { container: Json[] | Record<string, Json>; key: string | number }[] {
  const out: { container: Json[] | Record<string, Json>; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length && out.length < 20_000) {
    const v = stack.pop()!;
    if (Array.isArray(v)) v.forEach((item, i) => (out.push({ container: v, key: i }), stack.push(item)));
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) out.push({ container: v, key: k }), stack.push(item);
  }
  return out;
}

/**
 * One JSON-tree mutation: a member's value swapped for a hostile one or for a value from elsewhere
 * (this document or another seed: the wrong type in the right place), a member removed or renamed
 * (`__proto__` among the names), an item repeated, an array reversed, a value wrapped in a container, a string's bytes
 * mutated. The result is well formed, so
 * it reaches the SBOM and advisory parsers rather than stopping at the JSON syntax.
 */
export function mutateJson(input: Uint8Array, rand: Rand, others: Uint8Array[] = []): Uint8Array {
  let root: Json;
  try {
    root = JSON.parse(Buffer.from(input).toString('utf8')) as Json;
  } catch {
    return mutateBytes(input, rand, others);
  }
  const places = placesOf(root);
  if (places.length === 0) return mutateBytes(input, rand, others);
  const { container, key } = pick(rand, places);
  const get = (): Json => (container as Record<string | number, Json>)[key]!;
  const set = (v: Json) => ((container as Record<string | number, Json>)[key] = v);
  switch (int(rand, 7)) {
    case 6:
      // a member renamed (the readers drop prototype keys; a renamed required key goes missing)
      if (Array.isArray(container)) container.reverse();
      else {
        const v = get();
        delete container[key as string];
        Object.defineProperty(container, pick(rand, ['__proto__', 'constructor', 'prototype', '', String(key).toUpperCase(), `${String(key)} `]), { value: v, enumerable: true, writable: true, configurable: true });
      }
      break;
    case 0:
      set(structuredClone(pick(rand, HOSTILE_JSON)));
      break;
    case 1: {
      let donor: Json = root;
      if (others.length && rand() < 0.5) {
        try {
          donor = JSON.parse(Buffer.from(pick(rand, others)).toString('utf8')) as Json;
        } catch {
          donor = root;
        }
      }
      const from = placesOf(donor);
      if (from.length) {
        const p = pick(rand, from);
        set(structuredClone((p.container as Record<string | number, Json>)[p.key]!));
      }
      break;
    }
    case 2:
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key as string];
      break;
    case 3:
      if (Array.isArray(container)) container.splice(key as number, 0, ...Array.from({ length: 1 + int(rand, 200) }, () => structuredClone(get())));
      else set(Array.from({ length: 1 + int(rand, 5) }, () => structuredClone(get())));
      break;
    case 4:
      set(rand() < 0.5 ? [get()] : { [typeof key === 'string' ? key : 'value']: get() });
      break;
    default: {
      const v = get();
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      set(Buffer.from(mutateBytes(new Uint8Array(Buffer.from(text, 'utf8')), rand)).toString('utf8'));
    }
  }
  return enc(JSON.stringify(root, null, rand() < 0.5 ? 2 : undefined));
}

const HOSTILE_TEXT = ['', ' ', 'x'.repeat(5000), '&amp;', '&lt;&gt;', '&#0;', '&#x10FFFF;', '\u0000', '__proto__', 'constructor', '-1', '1e308', 'NaN', 'pkg:', 'cpe:2.3:a', '9999-99-99', 'urn:uuid:', '<![CDATA[x]]>', '<!-- c -->'];

/**
 * One XML mutation that keeps the markup well formed: a text run or an attribute value replaced
 * (by a hostile string or its own bytes mutated, escaped again), or an element with a closing tag
 * on the same nesting level removed or repeated. Byte mutations rarely survive the well-formedness
 * check, so these are the inputs that reach the data-XML parsers (a CycloneDX BOM).
 */
export function mutateXml(input: Uint8Array, rand: Rand): Uint8Array {
  const text = Buffer.from(input).toString('utf8');
  const escText = (t: string) => t.replace(/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/gi, '&amp;').replace(/</g, (m, at: number, all: string) => (all.startsWith('<![CDATA[', at) || all.startsWith('<!--', at) ? m : '&lt;'));
  const fresh = (old: string) => (rand() < 0.5 ? pick(rand, HOSTILE_TEXT) : Buffer.from(mutateBytes(new Uint8Array(Buffer.from(old, 'utf8')), rand)).toString('utf8').replace(/[<>&"]/g, ''));
  const op = int(rand, 4);
  if (op < 2) {
    // text runs (between tags) or attribute values
    const re = op === 0 ? />([^<>]+)</g : /=\s*"([^"<&]*)"/g;
    const hits = [...text.matchAll(re)];
    if (!hits.length) return mutateBytes(input, rand);
    const h = pick(rand, hits);
    const start = h.index! + h[0].indexOf(h[1]!, 1);
    const value = op === 0 ? escText(fresh(h[1]!)) : fresh(h[1]!).replace(/[<&"]/g, '');
    return enc(text.slice(0, start) + value + text.slice(start + h[1]!.length));
  }
  // a whole element: <name ...>...</name> with no other element of that name inside
  const opens = [...text.matchAll(/<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>/g)].filter((m) => !m[0].endsWith('/>'));
  for (let tries = 0; tries < 8 && opens.length; tries++) {
    const o = pick(rand, opens);
    const name = o[1]!;
    const close = text.indexOf(`</${name}>`, o.index!);
    if (close < 0) continue;
    const inner = text.slice(o.index! + o[0].length, close);
    if (new RegExp(`<${name.replace(/[.]/g, '\\.')}[\\s>/]`).test(inner)) continue;
    const end = close + name.length + 3;
    const element = text.slice(o.index!, end);
    const copies = op === 2 ? 0 : 2 + int(rand, 100);
    return enc(text.slice(0, o.index!) + element.repeat(copies) + text.slice(end));
  }
  return mutateBytes(input, rand);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
}

export interface FuzzFailure {
  target: string;
  iteration: number;
  kind: 'bug' | 'hang-or-crash';
  message: string;
  file?: string;
}

export interface FuzzResult {
  target: string;
  iterations: number;
  models: number;
  unreadable: number;
  failures: FuzzFailure[];
  reasons: Map<string, number>;
  /** Models by document kind (which parsers the mutated inputs reached). */
  kinds: Map<string, number>;
}

export interface FuzzOptions {
  seed: number;
  iterations: number;
  /** Stop early after this long (the long run); the short run uses iterations only. */
  maxMs?: number;
  /** Where failing inputs are written. */
  crashDir?: string;
}

/** Fuzzes one target through the pool. Deterministic for a seed and an iteration count. */
export async function fuzzTarget(pool: WorkerPool, target: FuzzTarget, options: FuzzOptions): Promise<FuzzResult> {
  const rand = rng(options.seed ^ hashName(target.name));
  const result: FuzzResult = { target: target.name, iterations: 0, models: 0, unreadable: 0, failures: [], reasons: new Map(), kinds: new Map() };
  const corpus = [...target.seeds];
  const start = Date.now();
  for (let i = 0; i < options.iterations; i++) {
    if (options.maxMs && Date.now() - start > options.maxMs) break;
    // Half the parents are the seeds themselves, so inputs that grew from one seed cannot crowd
    // out the others (a data-XML BOM among DocBook statements).
    let input = rand() < 0.5 ? pick(rand, target.seeds) : pick(rand, corpus);
    for (let m = 1 + int(rand, 3); m > 0; m--) {
      if (target.zip && rand() < 0.5) input = mutateZip(input, rand, corpus);
      else if (target.json && rand() < 0.6) input = mutateJson(input, rand, corpus);
      else if (target.xml && rand() < 0.6) input = mutateXml(input, rand);
      else input = mutateBytes(input, rand, corpus);
    }
    result.iterations++;
    const file = `/fuzz/${target.name}/input-${i}.${target.ext}`;
    try {
      const doc = await pool.parse(file, input);
      result.models++;
      result.kinds.set(doc.kind, (result.kinds.get(doc.kind) ?? 0) + 1);
      // Inputs that still parse are good parents for further mutation (bounded corpus).
      if (corpus.length < 64 && input.length < 2_000_000) corpus.push(input);
    } catch (err) {
      const transient = (err as { transient?: unknown }).transient === true;
      if (err instanceof UnreadableError && !transient) {
        result.unreadable++;
        const key = err.message.replace(/\d+/g, 'N').slice(0, 60);
        result.reasons.set(key, (result.reasons.get(key) ?? 0) + 1);
        continue;
      }
      const failure: FuzzFailure = {
        target: target.name,
        iteration: i,
        kind: transient ? 'hang-or-crash' : 'bug',
        message: (err as Error)?.message ?? String(err),
      };
      if (options.crashDir) {
        mkdirSync(options.crashDir, { recursive: true });
        const hash = createHash('sha256').update(input).digest('hex').slice(0, 12);
        failure.file = path.join(options.crashDir, `${target.name}-${hash}.${target.ext}`);
        writeFileSync(failure.file, input);
      }
      result.failures.push(failure);
    }
  }
  return result;
}

function hashName(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}
