// Generates the hostile corpus: files built to crash, hang, exhaust or trick the readers. All bytes
// come from our own code (zip via node:zlib, PDFs by hand or with the sample PDF writer, workbooks
// with @e965/xlsx), so the corpus is reproducible from a seed and never committed.
//   generateHostileCorpus(dir) → the cases written, each with what the review must end as.
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, crc32 as zlibCrc32, createDeflateRaw, deflateSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { writeZip, type ZipEntry } from './zip.js';
import { writePdf, layoutDocument } from '../samples/pdf-writer.js';
import { buildMds2Workbook, NORTHWIND, CONTOSO } from '../samples/mds2.js';
import { CONFORMANCE_SAMPLES, toMarkdown } from '../samples/conformance.js';
import { DOCUMENT_EXTENSIONS } from '../../server/src/readers/formats.js';

export type Expect = 'unreadable' | 'reviewed' | 'any';

export interface HostileCase {
  /** File name inside the corpus folder. */
  name: string;
  /** What the review of this file must end as ('any': reviewed or unreadable, but it must end cleanly). */
  expect: Expect;
  /** What the file attacks. */
  attack: string;
  /** For unreadable ones: a pattern (regex source, case-insensitive) the one-line reason must match, e.g. the limit's name. */
  reason?: string;
}

interface CaseData extends HostileCase {
  bytes?: Uint8Array | string;
  special?: 'dir' | 'fifo' | 'sparse';
}

/** mulberry32: a small seeded PRNG, so the corpus is the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const u8 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

// ---------------------------------------------------------------------------------------------
// Healthy seeds (fictional samples of our own)

export interface Seeds {
  xlsx: Uint8Array;
  xlsx2: Uint8Array;
  pdf: Uint8Array;
  md: string;
  docx: Uint8Array;
  odt: Uint8Array;
  csv: string;
}

export function healthySeeds(): Seeds {
  const xlsx = new Uint8Array(XLSX.write(buildMds2Workbook(NORTHWIND), { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  const xlsx2 = new Uint8Array(XLSX.write(buildMds2Workbook(CONTOSO), { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  const cs = CONFORMANCE_SAMPLES[0]!;
  const pdf = writePdf(layoutDocument(cs.blocks, { footer: cs.footer }), { title: cs.title });
  const md = toMarkdown(cs.blocks);
  const csv = XLSX.utils.sheet_to_csv(buildMds2Workbook(NORTHWIND).Sheets['mds2-form']!);
  return { xlsx, xlsx2, pdf, md, csv, docx: docxFromText(md), odt: odtFromText(md) };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------
// Office containers built by hand, so every part can be replaced

const CT_XLSX = (sheets: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  Array.from({ length: sheets }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
  `</Types>`;

const ROOT_RELS = (target: string, type = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${type}" Target="${target}"/></Relationships>`;

export function sheetXml(rows: string[][], extra = ''): string {
  const body = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row.map((v, c) => `<c r="${XLSX.utils.encode_cell({ r, c })}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${extra}<sheetData>${body}</sheetData></worksheet>`;
}

export interface XlsxParts {
  sheetNames?: string[];
  /** Sheet XML per sheet (default: a small table). */
  sheets?: (string | ZipEntry['raw'])[];
  workbookXml?: string;
  contentTypes?: string;
  extra?: ZipEntry[];
}

const MDS2_ROWS = [
  ['Question ID', 'Question', 'Answer', 'Notes'],
  ['DOC-1', 'Manufacturer Name', 'Hostile Test Co', ''],
  ['AUTH-1', 'Does the device support user authentication?', 'Yes', ''],
  ['TXCF-1', 'Can personally identifiable information be transmitted only via a point-to-point dedicated cable?', 'No', ''],
];

export function xlsxFrom(parts: XlsxParts = {}): Uint8Array {
  const names = parts.sheetNames ?? ['mds2-form'];
  const sheets = parts.sheets ?? names.map(() => sheetXml(MDS2_ROWS));
  const wb =
    parts.workbookXml ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
      names.map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      `</sheets></workbook>`;
  const rels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `</Relationships>`;
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: parts.contentTypes ?? CT_XLSX(sheets.length) },
    { name: '_rels/.rels', data: ROOT_RELS('xl/workbook.xml') },
    { name: 'xl/workbook.xml', data: wb },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
    ...sheets.map((s, i) => (typeof s === 'string' ? { name: `xl/worksheets/sheet${i + 1}.xml`, data: s } : { name: `xl/worksheets/sheet${i + 1}.xml`, data: '', raw: s })),
    ...(parts.extra ?? []),
  ];
  return writeZip(entries);
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function documentXml(paragraphs: string[], prolog = ''): string {
  const body = paragraphs
    .map((p) => {
      const m = /^(#+)\s+(.*)$/.exec(p);
      const style = m ? `<w:pPr><w:pStyle w:val="Heading${m[1]!.length}"/></w:pPr>` : '';
      return `<w:p>${style}<w:r><w:t xml:space="preserve">${xmlEscape(m ? m[2]! : p)}</w:t></w:r></w:p>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${prolog}<w:document xmlns:w="${W_NS}"><w:body>${body}</w:body></w:document>`;
}

export function docxFrom(document: string | ZipEntry['raw'], extra: ZipEntry[] = []): Uint8Array {
  const ct =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
  return writeZip([
    { name: '[Content_Types].xml', data: ct },
    { name: '_rels/.rels', data: ROOT_RELS('word/document.xml') },
    typeof document === 'string' ? { name: 'word/document.xml', data: document } : { name: 'word/document.xml', data: '', raw: document },
    ...extra,
  ]);
}

export function docxFromText(text: string): Uint8Array {
  return docxFrom(documentXml(text.split('\n').filter((l) => l.trim() !== '')));
}

export function odtFrom(content: string): Uint8Array {
  return writeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', method: 'store' },
    {
      name: 'META-INF/manifest.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    },
    { name: 'content.xml', data: content },
  ]);
}

export function odtFromText(text: string): Uint8Array {
  const paras = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((p) => {
      const m = /^(#+)\s+(.*)$/.exec(p);
      return m ? `<text:h text:outline-level="${m[1]!.length}">${xmlEscape(m[2]!)}</text:h>` : `<text:p>${xmlEscape(p)}</text:p>`;
    })
    .join('');
  return odtFrom(
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${paras}</office:text></office:body></office:document-content>`,
  );
}

/** Deflates `size` bytes of one repeated byte without holding them in memory. */
export async function deflateRepeated(size: number, byte = 0x20, prefix = '', suffix = ''): Promise<NonNullable<ZipEntry['raw']>> {
  const chunk = Buffer.alloc(1 << 20, byte);
  const head = Buffer.from(prefix, 'utf8');
  const tail = Buffer.from(suffix, 'utf8');
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    d.on('end', resolve);
    d.on('error', reject);
  });
  let crc = 0;
  const feed = (buf: Buffer) => {
    crc = zlibCrc32(buf, crc);
  };
  const write = (buf: Buffer) => new Promise<void>((resolve) => (d.write(buf) ? resolve() : d.once('drain', () => resolve())));
  await write(head);
  feed(head);
  let left = size;
  while (left > 0) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    await write(part);
    feed(part);
    left -= part.length;
  }
  await write(tail);
  feed(tail);
  d.end();
  await done;
  return { deflated: new Uint8Array(Buffer.concat(out)), size: head.length + size + tail.length, crc: crc >>> 0 };
}

// ---------------------------------------------------------------------------------------------
// PDFs by hand: objects as strings, xref computed

export function rawPdf(objects: (string | Buffer)[], trailerExtra = '', header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'): Uint8Array {
  const chunks: Buffer[] = [Buffer.from(header, 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(offset);
    const buf = Buffer.concat([Buffer.from(`${k + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(buf);
    offset += buf.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${o.toString().padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

const pdfStream = (dict: string, data: Buffer | string, compress = false) => {
  const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const body = compress ? deflateSync(raw) : raw;
  return Buffer.concat([Buffer.from(`<< ${dict}${compress ? ' /Filter /FlateDecode' : ''} /Length ${body.length} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]);
};

const CS_TEXT = [
  'DICOM Conformance Statement',
  '1 Introduction',
  'This DICOM Conformance Statement describes the Hostile Viewer 1.0 by Hostile Test Co.',
  'Supported SOP Classes: Verification 1.2.840.10008.1.1 SCU/SCP',
  'Security: no TLS support. Port 104.',
];

/** One page of text with a given font object and extra catalog entries. */
export function pdfWithText(opts: { catalogExtra?: string; fontObj?: string; extraObjects?: (string | Buffer)[]; pageExtra?: string; lines?: string[] } = {}): Uint8Array {
  const lines = opts.lines ?? CS_TEXT;
  const ops = lines.map((l, i) => `BT /F1 11 Tf 1 0 0 1 56 ${780 - i * 16} Tm (${l.replace(/([()\\])/g, '\\$1')}) Tj ET`).join('\n');
  const objs: (string | Buffer)[] = [
    `<< /Type /Catalog /Pages 2 0 R ${opts.catalogExtra ?? ''}>>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R ${opts.pageExtra ?? ''}>>`,
    pdfStream('', ops),
    opts.fontObj ?? `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>`,
    ...(opts.extraObjects ?? []),
  ];
  return rawPdf(objs);
}

// ---------------------------------------------------------------------------------------------
// PDF filters other than Flate, written the way pdf.js reads them

/** Packs codes MSB first at the widths pdf.js's LZW decoder will read them (EarlyChange 1). */
function lzwPack(codes: number[]): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  // The decoder's view: it adds an entry from its second code on, and widens one code early.
  let next = 258;
  let width = 9;
  codes.forEach((code, k) => {
    acc = (acc << width) | code;
    bits += width;
    while (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
    if (code === 256) {
      next = 258;
      width = 9;
      return;
    }
    if (k >= 1 && codes[k - 1] !== 256 && next < 4096) {
      next++;
      if (((next + 1) & next) === 0) width = Math.min(12, width + 1);
    }
  });
  if (bits > 0) out.push((acc << (8 - bits)) & 0xff);
  return new Uint8Array(out);
}

/** LZW-encodes bytes as PDF's LZWDecode expects (no clear codes, the table stops growing at 4,096). */
export function lzwEncode(data: Uint8Array): Uint8Array {
  const table = new Map<string, number>();
  for (let i = 0; i < 256; i++) table.set(String.fromCharCode(i), i);
  let next = 258;
  const codes: number[] = [];
  let w = '';
  for (const byte of data) {
    const wc = w + String.fromCharCode(byte);
    if (table.has(wc)) {
      w = wc;
      continue;
    }
    codes.push(table.get(w)!);
    if (next < 4096) table.set(wc, next++);
    w = String.fromCharCode(byte);
  }
  if (w) codes.push(table.get(w)!);
  codes.push(257);
  return lzwPack(codes);
}

/**
 * An LZW bomb: codes 258…4095 each define the previous run plus one byte (3,839 bytes at the
 * end), then the longest code is repeated: 12 bits of input for every 3,839 bytes of output.
 */
export function lzwBomb(outputBytes: number, byte = 0x20): Uint8Array {
  const codes = [byte];
  for (let c = 258; c < 4096; c++) codes.push(c);
  const longest = 4095 - 256;
  for (let made = (longest * (longest + 1)) / 2; made < outputBytes; made += longest) codes.push(4095);
  codes.push(257);
  return lzwPack(codes);
}

const ascii85Zeros = (groups: number) => Buffer.from(`${'z'.repeat(groups)}~>`, 'latin1');
/** RunLength: each pair (0x81, b) repeats b 128 times. */
const runLengthRepeats = (pairs: number, byte = 0x20) => Buffer.concat([Buffer.alloc(pairs * 2, Buffer.from([0x81, byte])), Buffer.from([0x80])]);

/** A one-page PDF whose content stream is `data` under `filterDict` (e.g. "/Filter [/FlateDecode /LZWDecode]"). */
export function pdfWithFilteredContent(filterDict: string, data: Uint8Array | Buffer, extraObjects: (string | Buffer)[] = []): Uint8Array {
  const objs: (string | Buffer)[] = [
    `<< /Type /Catalog /Pages 2 0 R >>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
    Buffer.concat([Buffer.from(`<< ${filterDict} /Length ${data.length} >>\nstream\n`, 'latin1'), Buffer.from(data), Buffer.from('\nendstream', 'latin1')]),
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
    ...extraObjects,
  ];
  return rawPdf(objs);
}

/** ASCII85 (btoa-style groups, 'z' for zeros) of bytes. */
function ascii85(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 4) {
    const n = Math.min(4, data.length - i);
    let v = 0;
    for (let k = 0; k < 4; k++) v = v * 256 + (data[i + k] ?? 0);
    if (n === 4 && v === 0) {
      out += 'z';
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (v % 85)));
      v = Math.floor(v / 85);
    }
    out += digits.slice(0, n + 1).join('');
  }
  return out;
}

const zlibWrap = (raw: Uint8Array, adler = Buffer.alloc(4)) => Buffer.concat([Buffer.from([0x78, 0xda]), Buffer.from(raw), adler]);

// ---------------------------------------------------------------------------------------------
// Mutations shared with the fuzzer

export function bitFlip(bytes: Uint8Array, rand: () => number, flips: number): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(rand() * out.length);
    out[at]! ^= 1 << Math.floor(rand() * 8);
  }
  return out;
}

export function truncate(bytes: Uint8Array, fraction: number): Uint8Array {
  return bytes.slice(0, Math.max(1, Math.floor(bytes.length * fraction)));
}

// ---------------------------------------------------------------------------------------------

/** Every extension a document may have (readers/formats.ts): each gets an empty and a noise file. */
const EXTENSIONS = DOCUMENT_EXTENSIONS;

const BILLION_LAUGHS =
  `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
  Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('') +
  `]>\n`;
const XXE_FILE = `<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n`;
const XXE_NET = `<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/xxe"><!ENTITY % p SYSTEM "http://127.0.0.1:9/dtd"> %p;]>\n`;

async function buildCases(seeds: Seeds): Promise<CaseData[]> {
  const cases: CaseData[] = [];
  const add = (name: string, expect: Expect, attack: string, bytes?: Uint8Array | string, special?: CaseData['special']) => cases.push({ name, expect, attack, bytes, special });
  const rand = rng(0x5eed);

  // Empty files of every supported extension.
  for (const ext of EXTENSIONS) add(`empty.${ext}`, 'unreadable', 'empty file', new Uint8Array(0));
  // Random noise with every extension.
  for (const ext of EXTENSIONS) add(`noise.${ext}`, 'unreadable', 'random bytes', new Uint8Array(Array.from({ length: 4096 }, () => Math.floor(rand() * 256))));

  // Wrong extensions: the kind comes from content, so these may be reviewed, but must end cleanly.
  add('pdf-named.xlsx', 'any', 'PDF with a workbook extension', seeds.pdf);
  add('pdf-named.docx', 'any', 'PDF with a Word extension', seeds.pdf);
  add('pdf-named.md', 'any', 'PDF with a Markdown extension', seeds.pdf);
  add('xlsx-named.pdf', 'any', 'workbook with a PDF extension', seeds.xlsx);
  add('xlsx-named.csv', 'any', 'workbook with a CSV extension', seeds.xlsx);
  add('xlsx-named.docx', 'any', 'workbook with a Word extension', seeds.xlsx);
  add('docx-named.xlsx', 'any', 'Word file with a workbook extension', seeds.docx);
  add('docx-named.pdf', 'any', 'Word file with a PDF extension', seeds.docx);
  add('png-named.pdf', 'unreadable', 'PNG image with a PDF extension', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(0)]));
  add('elf-named.md', 'unreadable', 'executable with a Markdown extension', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, ...new Array(500).fill(0)]));
  add('gzip-named.xlsx', 'unreadable', 'gzip stream with a workbook extension', new Uint8Array(deflateSync(Buffer.from(seeds.md))));
  add('ole-garbage.xls', 'unreadable', 'OLE signature followed by garbage', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array.from({ length: 2000 }, () => Math.floor(rand() * 256))]));
  add('zip-of-nothing.xlsx', 'unreadable', 'zip archive with an unrelated entry', writeZip([{ name: 'readme.txt', data: 'hello' }]));
  add('empty-zip.docx', 'unreadable', 'zip archive without entries', writeZip([]));

  // Truncated and bit-flipped containers.
  for (const f of [0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.99]) add(`truncated-${Math.round(f * 100)}.xlsx`, 'any', 'truncated workbook', truncate(seeds.xlsx, f));
  for (const f of [0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.99]) add(`truncated-${Math.round(f * 100)}.pdf`, 'any', 'truncated PDF', truncate(seeds.pdf, f));
  for (const f of [0.1, 0.5, 0.9, 0.99]) add(`truncated-${Math.round(f * 100)}.docx`, 'any', 'truncated Word file', truncate(seeds.docx, f));
  for (const f of [0.1, 0.5, 0.9]) add(`truncated-${Math.round(f * 100)}.odt`, 'any', 'truncated OpenDocument file', truncate(seeds.odt, f));
  for (let i = 0; i < 14; i++) add(`bitflip-${i}.xlsx`, 'any', 'bit-flipped workbook', bitFlip(i % 2 ? seeds.xlsx : seeds.xlsx2, rand, 1 + (i % 5) * 3));
  for (let i = 0; i < 14; i++) add(`bitflip-${i}.pdf`, 'any', 'bit-flipped PDF', bitFlip(seeds.pdf, rand, 1 + (i % 5) * 4));
  for (let i = 0; i < 8; i++) add(`bitflip-${i}.docx`, 'any', 'bit-flipped Word file', bitFlip(seeds.docx, rand, 1 + (i % 4) * 3));
  for (let i = 0; i < 4; i++) add(`bitflip-${i}.odt`, 'any', 'bit-flipped OpenDocument file', bitFlip(seeds.odt, rand, 1 + i * 3));
  for (let i = 0; i < 4; i++) add(`bitflip-${i}.md`, 'any', 'bit-flipped Markdown', bitFlip(utf8(seeds.md), rand, 5 + i * 20));

  // Zip bombs.
  const MB = 1024 * 1024;
  const bombSheet = await deflateRepeated(300 * MB, 0x20, sheetXml([['x']]).replace('</worksheet>', ''), '</worksheet>');
  add('bomb-sheet-300mb.xlsx', 'unreadable', 'sheet XML inflating to 300 MB (decompressed-size limit)', xlsxFrom({ sheets: [bombSheet] }));
  const bombDoc = await deflateRepeated(300 * MB, 0x20, `<?xml version="1.0"?><w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>`, '</w:t></w:r></w:p></w:body></w:document>');
  add('bomb-document-300mb.docx', 'unreadable', 'document.xml inflating to 300 MB', docxFrom(bombDoc));
  const bombOdt = await deflateRepeated(300 * MB, 0x20, '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">', '</office:document-content>');
  add('bomb-content-300mb.odt', 'unreadable', 'content.xml inflating to 300 MB', writeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', method: 'store' }, { name: 'content.xml', data: '', raw: bombOdt }]));
  const lying = await deflateRepeated(64 * MB, 0x41, '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>', '</t></is></c></row></sheetData></worksheet>');
  add('bomb-lying-size.xlsx', 'unreadable', 'entry whose header claims 100 bytes but inflates to 64 MB', xlsxFrom({ sheets: [{ ...lying, size: 100 }] }));
  const manyEntries: ZipEntry[] = Array.from({ length: 5000 }, (_, i) => ({ name: `xl/media/pad${i}.bin`, data: 'x', method: 'store' as const }));
  add('zip-5000-entries.xlsx', 'unreadable', '5,000 zip entries (entry-count limit)', xlsxFrom({ extra: manyEntries }));
  add('zip-5000-entries.docx', 'unreadable', '5,000 zip entries in a Word file', docxFrom(documentXml(['x']), manyEntries.map((e) => ({ ...e, name: e.name.replace('xl/', 'word/') }))));
  const tenMb = await deflateRepeated(10 * MB, 0x20, sheetXml([['x']]).replace('</worksheet>', ''), '</worksheet>');
  {
    // Overlapping entries: 1,500 central-directory records share one 10 MB-inflating body (15 GB claimed).
    const entries: ZipEntry[] = [
      { name: '[Content_Types].xml', data: CT_XLSX(1) },
      { name: '_rels/.rels', data: ROOT_RELS('xl/workbook.xml') },
      { name: 'xl/workbook.xml', data: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${Array.from({ length: 150 }, (_, i) => `<sheet name="s${i}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${Array.from({ length: 150 }, (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>` },
      { name: 'xl/worksheets/sheet1.xml', data: '', raw: tenMb },
    ];
    add('bomb-overlapping.xlsx', 'unreadable', '150 sheets sharing one 10 MB-inflating body (overlapping entries, 1.5 GB)', writeZip(entries, { aliases: Array.from({ length: 149 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 2}.xml`, target: 4 })) }));
  }
  add('zip-in-zip.xlsx', 'unreadable', 'a workbook nested inside a zip', writeZip([{ name: 'inner.xlsx', data: seeds.xlsx, method: 'store' }]));
  add('zip-bad-crc.xlsx', 'any', 'sheet entry with a wrong CRC', xlsxFrom({ extra: [{ name: 'xl/extra.xml', data: '<x/>', declaredCrc: 0xdeadbeef }] }));
  add('zip-traversal.docx', 'any', 'entry named ../../etc/passwd', docxFrom(documentXml(seeds.md.split('\n').filter(Boolean)), [{ name: '../../../../tmp/dicomsec-pwned.txt', data: 'pwned' }]));

  // XML attacks inside workbooks and Word/OpenDocument files.
  const laughsSheet = BILLION_LAUGHS + sheetXml([['&lol9;']]).replace(/^<\?xml[^>]*>\n/, '').replace('&amp;lol9;', '&lol9;');
  add('billion-laughs-sheet.xlsx', 'any', 'billion laughs in a worksheet', xlsxFrom({ sheets: [laughsSheet] }));
  add('billion-laughs-workbook.xlsx', 'any', 'billion laughs in workbook.xml', xlsxFrom({ workbookXml: `${BILLION_LAUGHS}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&lol9;" sheetId="1" r:id="rId1"/></sheets></workbook>` }));
  add('billion-laughs-sst.xlsx', 'any', 'billion laughs in sharedStrings.xml', xlsxFrom({ extra: [{ name: 'xl/sharedStrings.xml', data: `${BILLION_LAUGHS}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>` }] }));
  add('billion-laughs-content-types.xlsx', 'any', 'billion laughs in [Content_Types].xml', xlsxFrom({ contentTypes: `${BILLION_LAUGHS}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="&lol9;"/></Types>` }));
  add('xxe-file-sheet.xlsx', 'any', 'external entity (file) in a worksheet', xlsxFrom({ sheets: [XXE_FILE + sheetXml([...MDS2_ROWS, ['NOTE-1', 'leak', '&xxe;', '']]).replace(/^<\?xml[^>]*>\n/, '').replace('&amp;xxe;', '&xxe;')] }));
  add('xxe-net-sheet.xlsx', 'any', 'external entity (network) in a worksheet', xlsxFrom({ sheets: [XXE_NET + sheetXml([['&xxe;']]).replace(/^<\?xml[^>]*>\n/, '').replace('&amp;xxe;', '&xxe;')] }));
  add('billion-laughs.docx', 'any', 'billion laughs in document.xml', docxFrom(documentXml(['&lol9;'], BILLION_LAUGHS.replace(/^<\?xml[^>]*>\n/, '')).replace('&amp;lol9;', '&lol9;')));
  add('xxe-file.docx', 'any', 'external entity (file) in document.xml', docxFrom(documentXml([...seeds.md.split('\n').filter(Boolean).slice(0, 20), '&xxe;'], XXE_FILE.replace(/^<\?xml[^>]*>\n/, '')).replace('&amp;xxe;', '&xxe;')));
  add('xxe-net.docx', 'any', 'external entity (network) in document.xml', docxFrom(documentXml(['&xxe;'], XXE_NET.replace(/^<\?xml[^>]*>\n/, '')).replace('&amp;xxe;', '&xxe;')));
  add('xxe-file.odt', 'any', 'external entity (file) in content.xml', odtFrom(`${XXE_FILE}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&xxe;</text:p></office:text></office:body></office:document-content>`));
  add('billion-laughs.odt', 'any', 'billion laughs in content.xml', odtFrom(`${BILLION_LAUGHS}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&lol9;</text:p></office:text></office:body></office:document-content>`));
  const deep = (open: string, close: string, n: number) => open.repeat(n) + close.repeat(n);
  add('deep-nesting-sheet.xlsx', 'any', '100,000 nested elements in a worksheet', xlsxFrom({ sheets: [`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${deep('<row>', '</row>', 100_000)}</sheetData></worksheet>`] }));
  add('deep-nesting.docx', 'any', '100,000 nested elements in document.xml', docxFrom(`<w:document xmlns:w="${W_NS}"><w:body>${deep('<w:p>', '</w:p>', 100_000)}</w:body></w:document>`));
  add('deep-nesting.odt', 'any', '100,000 nested elements in content.xml', odtFrom(`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${deep('<text:span>', '</text:span>', 100_000)}</office:text></office:body></office:document-content>`));
  add('unclosed-tags.docx', 'any', '50,000 unclosed elements', docxFrom(`<w:document xmlns:w="${W_NS}"><w:body>${'<w:p><w:r>'.repeat(50_000)}`));

  // Huge sheet dimensions and many sheets.
  add('dimension-max.xlsx', 'any', 'dimension A1:XFD1048576 claimed', xlsxFrom({ sheets: [sheetXml(MDS2_ROWS, '<dimension ref="A1:XFD1048576"/>')] }));
  add('merge-max.xlsx', 'any', 'merged range A1:XFD1048576', xlsxFrom({ sheets: [sheetXml(MDS2_ROWS).replace('</worksheet>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')] }));
  add('far-cell.xlsx', 'any', 'one cell at XFD1048576 (sheet-cell limit)', xlsxFrom({ sheets: [sheetXml(MDS2_ROWS).replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>')] }));
  add('many-merges.xlsx', 'any', '100,000 merged ranges', xlsxFrom({ sheets: [sheetXml(MDS2_ROWS).replace('</worksheet>', `<mergeCells>${Array.from({ length: 100_000 }, (_, i) => `<mergeCell ref="A${i + 10}:B${i + 10}"/>`).join('')}</mergeCells></worksheet>`)] }));
  add('wide-row.xlsx', 'unreadable', 'a row of 16,384 cells × 200 rows (3.3 M cells, cell limit)', xlsxFrom({ sheets: [`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from({ length: 200 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 16384 }, () => '<c t="n"><v>1</v></c>').join('')}</row>`).join('')}</sheetData></worksheet>`] }));
  {
    const names = Array.from({ length: 1500 }, (_, i) => `s${i}`);
    add('sheets-1500.xlsx', 'unreadable', '1,500 sheets (sheet-count limit)', xlsxFrom({ sheetNames: names, sheets: names.map(() => sheetXml([['x']])) }));
    const many = Array.from({ length: 20_000 }, (_, i) => `<sheet name="s${i}" sheetId="${i + 1}" r:id="rId1"/>`).join('');
    add('sheets-20000-claimed.xlsx', 'any', '20,000 sheets declared against one part', xlsxFrom({ workbookXml: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${many}</sheets></workbook>` }));
  }
  add(
    'ods-repeat-bomb.ods',
    'unreadable',
    'one OpenDocument cell repeated 16,384 columns × 1,048,576 rows',
    writeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 'store' },
      { name: 'META-INF/manifest.xml', data: `<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>` },
      { name: 'styles.xml', data: `<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>` },
      {
        name: 'content.xml',
        data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="s"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`,
      },
    ]),
  );
  const csvWide = `${'x,'.repeat(3_000_000)}x\n`;
  add('csv-3m-cells.csv', 'unreadable', '3 M cells in one CSV record (cell limit / line length)', csvWide);
  add('csv-unclosed-quote.csv', 'unreadable', 'CSV with a quote never closed (a 1 MB field)', `"${'a'.repeat(1_000_000)}`);

  // Prototype pollution through names and text.
  const protoNames = ['__proto__', 'constructor', 'prototype'];
  add('proto-sheet-names.xlsx', 'any', 'sheet names __proto__, constructor, prototype', xlsxFrom({ sheetNames: protoNames, sheets: protoNames.map(() => sheetXml(MDS2_ROWS)) }));
  add('proto-cells.xlsx', 'any', 'cells holding __proto__ / constructor / {"polluted":1}', xlsxFrom({ sheets: [sheetXml([...MDS2_ROWS, ['__proto__', 'constructor', 'prototype', '{"__proto__":{"polluted":"yes"}}'], ['AUTH-2', '__proto__', 'Yes', 'constructor']])] }));
  add('proto-xml-names.xlsx', 'any', 'XML elements and attributes named __proto__', xlsxFrom({ sheets: [`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><__proto__ polluted="yes"><constructor><prototype polluted="yes"/></constructor></__proto__><sheetData><row r="1" __proto__="x"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`] }));
  add('proto-xml-names.docx', 'any', 'Word XML elements named __proto__', docxFrom(`<w:document xmlns:w="${W_NS}"><w:body><__proto__ polluted="yes"/><w:p __proto__="1"><w:r><w:t>__proto__</w:t></w:r></w:p><constructor><prototype/></constructor></w:body></w:document>`));
  add('proto.csv', 'any', 'CSV headers __proto__ / constructor', `__proto__,constructor,prototype\npolluted,yes,1\nAUTH-1,__proto__,Yes\n`);
  add('proto.md', 'any', 'Markdown headings and table cells __proto__', `# __proto__\n\n## constructor\n\n| __proto__ | prototype |\n|---|---|\n| polluted | yes |\n`);
  add('proto.html', 'any', 'HTML ids and elements named __proto__', `<!doctype html><html><body><__proto__ id="__proto__"><h1 id="constructor">__proto__</h1><table><tr><th>__proto__</th></tr></table></__proto__></body></html>`);
  add('proto.xml', 'any', 'XML elements named __proto__', `<?xml version="1.0"?><__proto__><constructor polluted="yes"><prototype>x</prototype></constructor></__proto__>`);

  // PDFs: scripts, encryption, nesting, fonts, page trees, streams.
  add('pdf-js-openaction.pdf', 'any', 'JavaScript OpenAction', pdfWithText({ catalogExtra: '/OpenAction 6 0 R', extraObjects: [`<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\); this.submitForm\\('http://127.0.0.1:9/'\\);) >>`] }));
  add('pdf-js-names.pdf', 'any', 'document-level JavaScript in the Names tree', pdfWithText({ catalogExtra: '/Names << /JavaScript << /Names [(x) 6 0 R] >> >>', extraObjects: [`<< /S /JavaScript /JS (while\\(true\\){}) >>`] }));
  add('pdf-js-page-aa.pdf', 'any', 'page open action running JavaScript', pdfWithText({ pageExtra: '/AA << /O << /S /JavaScript /JS (app.launchURL\\("http://127.0.0.1:9/"\\)) >> >>' }));
  add('pdf-launch-uri.pdf', 'any', 'Launch and URI actions', pdfWithText({ catalogExtra: '/OpenAction << /S /Launch /F (/bin/sh) >> /URI << /Base (http://127.0.0.1:9/) >>', pageExtra: '/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (http://127.0.0.1:9/) >> >>]' }));
  add('pdf-xfa.pdf', 'any', 'XFA form', pdfWithText({ catalogExtra: '/AcroForm << /XFA 6 0 R /Fields [] >>', extraObjects: [pdfStream('', `<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><script>xfa.host.gotoURL("http://127.0.0.1:9/")</script></template></xdp:xdp>`)] }));
  add('pdf-embedded-file.pdf', 'any', 'embedded executable attachment', pdfWithText({ catalogExtra: '/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>] >> >>', extraObjects: [pdfStream('/Type /EmbeddedFile', 'MZ\x90\x00')] }));
  {
    const cs = CONFORMANCE_SAMPLES[0]!;
    add('pdf-encrypted.pdf', 'unreadable', 'encrypted PDF (unknown user password)', writePdf(layoutDocument(cs.blocks, { footer: cs.footer }), { encryptWithUnknownPassword: true }));
  }
  add('pdf-encrypted-aesv3.pdf', 'unreadable', 'AES-256 encryption dictionary', rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [] /Count 0 >>`, `<< /Filter /Standard /V 5 /R 6 /Length 256 /O <${'00'.repeat(48)}> /U <${'11'.repeat(48)}> /OE <${'22'.repeat(32)}> /UE <${'33'.repeat(32)}> /P -4 /Perms <${'44'.repeat(16)}> >>`], '/Encrypt 3 0 R /ID [<0011> <0011>] '));
  add('pdf-deep-array.pdf', 'any', '50,000 nested arrays in one object', pdfWithText({ catalogExtra: `/Deep ${'['.repeat(50_000)}${']'.repeat(50_000)}` }));
  add('pdf-deep-dict.pdf', 'any', '50,000 nested dictionaries', pdfWithText({ catalogExtra: `/Deep ${'<< /A '.repeat(50_000)}1${' >>'.repeat(50_000)}` }));
  add('pdf-deep-unclosed.pdf', 'any', '200,000 unclosed arrays', pdfWithText({ catalogExtra: `/Deep ${'['.repeat(200_000)}` }));
  add('pdf-font-garbage-truetype.pdf', 'any', 'embedded TrueType font of random bytes', pdfWithText({ fontObj: `<< /Type /Font /Subtype /TrueType /BaseFont /Evil /FirstChar 32 /LastChar 126 /Widths [${'500 '.repeat(95)}] /FontDescriptor 6 0 R >>`, extraObjects: [`<< /Type /FontDescriptor /FontName /Evil /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>`, pdfStream('', Buffer.from(Array.from({ length: 8000 }, () => Math.floor(rand() * 256))))] }));
  add('pdf-font-fontmatrix-injection.pdf', 'any', 'Type1 font whose FontMatrix carries code (CVE-2024-4367 pattern)', pdfWithText({ fontObj: `<< /Type /Font /Subtype /Type1 /BaseFont /Evil /FontMatrix [1 2 3 4 5 (1\\); globalThis.polluted = 'pdf'; //)] /FontDescriptor 6 0 R >>`, extraObjects: [`<< /Type /FontDescriptor /FontName /Evil /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile 7 0 R >>`, pdfStream('/Length1 40 /Length2 0 /Length3 0', `%!PS-AdobeFont-1.0: Evil\n/FontMatrix [0.001 0 0 0.001 0 (0\\); polluted=1;//)] readonly def\n`)] }));
  add('pdf-font-cff-garbage.pdf', 'any', 'embedded CFF font of random bytes', pdfWithText({ fontObj: `<< /Type /Font /Subtype /Type1 /BaseFont /EvilCFF /FontDescriptor 6 0 R >>`, extraObjects: [`<< /Type /FontDescriptor /FontName /EvilCFF /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile3 7 0 R >>`, pdfStream('/Subtype /Type1C', Buffer.from(Array.from({ length: 4000 }, () => Math.floor(rand() * 256))))] }));
  add('pdf-font-type3-recursive.pdf', 'any', 'Type3 font whose glyph draws itself', pdfWithText({ fontObj: `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 6 0 R >> /Encoding << /Type /Encoding /Differences [32 /a 33 /a 65 /a] >> /FirstChar 32 /LastChar 126 /Widths [${'500 '.repeat(95)}] /Resources << /Font << /F1 5 0 R >> >> >>`, extraObjects: [pdfStream('', '500 0 d0 BT /F1 11 Tf (AAAA) Tj ET')] }));
  {
    // 3,000 pages, each tiny (page-count limit).
    const n = 3000;
    const objs: string[] = [`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [${Array.from({ length: n }, (_, i) => `${i + 4} 0 R`).join(' ')}] /Count ${n} >>`, `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`];
    for (let i = 0; i < n; i++) objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>`);
    add('pdf-3000-pages.pdf', 'unreadable', '3,000 pages (page-count limit)', rawPdf(objs));
  }
  add('pdf-count-lies.pdf', 'any', 'page tree /Count of 2 billion', rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>`, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>`]));
  add('pdf-page-tree-cycle.pdf', 'any', 'page tree whose Kids point back at itself', rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>`, `<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>`]));
  add('pdf-ref-cycle.pdf', 'any', 'indirect objects referring to each other in a loop', rawPdf([`<< /Type /Catalog /Pages 2 0 R /X 3 0 R >>`, `<< /Type /Pages /Kids [] /Count 0 /Y 3 0 R >>`, `4 0 R`, `3 0 R`]));
  add('pdf-stream-bomb.pdf', 'unreadable', 'content stream inflating to 300 MB of spaces', await (async () => {
    const bomb = await deflateRepeated(300 * MB, 0x20, 'BT /F1 11 Tf 56 780 Td (x) Tj ET\n');
    const objs = [`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`];
    // zlib-wrapped (FlateDecode wants a zlib header): header + raw deflate + adler placeholder.
    const body = Buffer.concat([Buffer.from([0x78, 0xda]), Buffer.from(bomb.deflated), Buffer.alloc(4)]);
    const stream = Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${body.length} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]);
    return rawPdf([...objs, stream, `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`]);
  })());
  // Every other filter pdf.js decodes, alone, chained and with predictors: each must be refused
  // on the stream budget before pdf.js allocates what it asks for.
  {
    const text = 'BT /F1 11 Tf 56 780 Td (DICOM Conformance Statement) Tj ET\n';
    add('pdf-lzw-bomb.pdf', 'unreadable', 'LZW content stream decoding to 300 MB (120 KB of codes)', pdfWithFilteredContent('/Filter /LZWDecode', lzwBomb(300 * MB)));
    add('pdf-predictor-columns.pdf', 'unreadable', 'Flate stream with a PNG predictor of /Columns 2^30', pdfWithFilteredContent('/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1073741824 >>', deflateSync(Buffer.from(`\x00${text}`))));
    add('pdf-predictor-colors-bpc.pdf', 'unreadable', 'LZW stream with a TIFF predictor of /Colors 32 /BitsPerComponent 16 /Columns 2^24 (1 GB rows)', pdfWithFilteredContent('/Filter /LZWDecode /DecodeParms << /Predictor 2 /Colors 32 /BitsPerComponent 16 /Columns 16777216 >>', lzwEncode(Buffer.from(text))));
    add('pdf-predictor-array.pdf', 'unreadable', 'a predictor of /Columns 2^28 on the second filter of a chain', pdfWithFilteredContent('/Filter [/ASCIIHexDecode /FlateDecode] /DecodeParms [null << /Predictor 15 /Columns 268435456 /Colors 4 >>]', Buffer.from(`${deflateSync(Buffer.from(`\x02${text}`)).toString('hex')}>`, 'latin1')));
    add('pdf-nested-flate-lzw.pdf', 'unreadable', '[/FlateDecode /LZWDecode]: a deflated LZW bomb decoding to 300 MB', pdfWithFilteredContent('/Filter [/FlateDecode /LZWDecode]', deflateSync(lzwBomb(300 * MB))));
    const flate3 = deflateSync(deflateSync(deflateSync(Buffer.alloc(300 * MB, 0x20), { level: 9 }), { level: 9 }), { level: 9 });
    add('pdf-nested-flate-3.pdf', 'unreadable', '[/FlateDecode /FlateDecode /FlateDecode]: three deflates of 300 MB of spaces', pdfWithFilteredContent('/Filter [/Fl /Fl /Fl]', flate3));
    add('pdf-ascii85-bomb.pdf', 'unreadable', "[/FlateDecode /ASCII85Decode]: 40 million 'z' groups (160 MB of zeros)", pdfWithFilteredContent('/Filter [/FlateDecode /ASCII85Decode]', deflateSync(ascii85Zeros(40_000_000))));
    add('pdf-runlength-bomb.pdf', 'unreadable', '[/FlateDecode /RunLengthDecode]: 2.5 million runs of 128 bytes (320 MB)', pdfWithFilteredContent('/Filter [/FlateDecode /RunLengthDecode]', deflateSync(runLengthRepeats(2_500_000))));
    add('pdf-asciihex-flate-bomb.pdf', 'unreadable', '[/ASCIIHexDecode /FlateDecode]: a hex-encoded Flate bomb of 300 MB', pdfWithFilteredContent('/Filter [/AHx /FlateDecode]', Buffer.from(`${deflateSync(Buffer.alloc(300 * MB, 0x20), { level: 9 }).toString('hex')}>`, 'latin1')));
    add('pdf-brotli-bomb.pdf', 'unreadable', 'BrotliDecode content stream of 300 MB', pdfWithFilteredContent('/Filter /BrotliDecode', brotliCompressSync(Buffer.alloc(300 * MB, 0x20), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } })));
    const bomb90 = zlibWrap((await deflateRepeated(90 * MB, 0x20, text)).deflated);
    add('pdf-flate-bad-checksums.pdf', 'unreadable', 'three 90 MB Flate streams with wrong checksums (each inflates whole before zlib objects)', rawPdf([
      `<< /Type /Catalog /Pages 2 0 R >>`,
      `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >> /Contents [4 0 R 5 0 R 6 0 R] >>`,
      ...[0, 1, 2].map(() => Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${bomb90.length} >>\nstream\n`, 'latin1'), bomb90, Buffer.from('\nendstream', 'latin1')])),
      `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
    ]));
    const bomb300 = zlibWrap((await deflateRepeated(300 * MB, 0x20, text)).deflated);
    add('pdf-flate-nested-dict.pdf', 'unreadable', 'a Flate bomb whose dictionary nests /DecodeParms after /Filter (hides it from a last-"<<" scan)', pdfWithFilteredContent('/Filter /FlateDecode /DecodeParms << /Predictor 1 >> /X << /Y [(>>) <3e3e>] >>', bomb300));
    add('pdf-filter-by-reference.pdf', 'unreadable', 'a Flate bomb whose /Filter is an indirect reference to an array', pdfWithFilteredContent('/Filter 6 0 R', bomb300, ['[/FlateDecode]']));
    const raster = lzwBomb(300 * MB);
    add('pdf-image-lzw-bomb.pdf', 'any', 'a 9,000 × 9,000 RGB image XObject whose LZW data decodes to 300 MB (images are never decoded)', rawPdf([
      `<< /Type /Catalog /Pages 2 0 R >>`,
      `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>`,
      pdfStream('', `${text}q 100 0 0 100 56 500 cm /Im1 Do Q\n`),
      `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
      Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width 9000 /Height 9000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /LZWDecode /Length ${raster.length} >>\nstream\n`, 'latin1'), Buffer.from(raster), Buffer.from('\nendstream', 'latin1')]),
    ]));
    const page = Buffer.from(CS_TEXT.map((l, i) => `BT /F1 11 Tf 1 0 0 1 56 ${780 - i * 16} Tm (${l}) Tj ET`).join('\n'));
    add('pdf-lzw-text.pdf', 'reviewed', 'a healthy page: ASCII85 of LZW with a PNG predictor (must still be read)', pdfWithFilteredContent(`/Filter [/A85 /LZWDecode] /DecodeParms [null << /Predictor 12 /Columns ${page.length} >>]`, Buffer.from(`${ascii85(lzwEncode(Buffer.concat([Buffer.from([0]), page])))}~>`, 'latin1')));
  }
  add('pdf-length-lies.pdf', 'any', 'stream /Length far past the end of the file', rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>`, `<< /Length 999999999 >>\nstream\nBT (x) Tj ET\nendstream`]));
  add('pdf-100k-objects.pdf', 'any', '100,000 small objects', rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [] /Count 0 >>`, ...Array.from({ length: 100_000 }, (_, i) => `<< /N ${i} /Next ${i + 4} 0 R >>`)]));
  add('pdf-xref-garbage.pdf', 'any', 'cross-reference table pointing nowhere', u8(`%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nxref\n0 3\n9999999999 65535 f \n8888888888 00000 n \n7777777777 00000 n \ntrailer << /Size 3 /Root 1 0 R >>\nstartxref\n999999\n%%EOF\n`));
  add('pdf-header-only.pdf', 'unreadable', 'a PDF header and nothing else', u8('%PDF-1.7\n'));
  add('pdf-no-pages.pdf', 'unreadable', 'a catalog without pages', rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [] /Count 0 >>`]));
  add('pdf-scanned.pdf', 'unreadable', 'pages with only images (scanned, no text)', writePdf([{ lines: [], rects: [[50, 50, 400, 600]] }, { lines: [], rects: [[50, 50, 400, 600]] }]));
  add('pdf-huge-mediabox.pdf', 'any', 'a 10^30-point page', pdfWithText({ pageExtra: '/MediaBox [0 0 1e30 1e30] /UserUnit 75000' }));
  add('pdf-text-spam.pdf', 'any', '20,000 text operators on one page', rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`, pdfStream('', Array.from({ length: 20_000 }, (_, i) => `BT /F1 2 Tf ${i % 590} ${i % 840} Td (DICOM ${i}) Tj ET`).join('\n'), true), `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`]));
  add('pdf-junk-before-header.pdf', 'any', 'junk before %PDF', new Uint8Array(Buffer.concat([Buffer.from('GARBAGE'.repeat(100)), Buffer.from(seeds.pdf)])));

  // Text: long lines, invalid encodings, deep structure, active content.
  add('single-line-10mb.txt', 'unreadable', '10 MB on one line (line-length limit)', 'DICOM Conformance Statement '.repeat(Math.ceil((10 * MB) / 28)));
  add('single-line-10mb.md', 'unreadable', '10 MB Markdown paragraph on one line', `# DICOM Conformance Statement\n\n${'word '.repeat(2 * MB)}\n`);
  add('single-line-10mb.html', 'any', '10 MB of HTML on one line', `<!doctype html><html><body><h1>DICOM Conformance Statement</h1><p>${'word '.repeat(2 * MB)}</p></body></html>`);
  add('single-line-10mb.csv', 'unreadable', '10 MB CSV field on one line', 'a'.repeat(10 * MB));
  add('invalid-utf8.md', 'any', 'invalid UTF-8 sequences', new Uint8Array(Buffer.concat([Buffer.from('# DICOM Conformance Statement\n\n'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0xfd]), Buffer.from('\n\nSecurity: none.\n')])));
  add('invalid-utf8.txt', 'any', 'overlong and surrogate UTF-8 encodings', new Uint8Array(Buffer.concat([Buffer.from('DICOM Conformance Statement\n'), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0x0a])])));
  add('utf16-odd.txt', 'any', 'UTF-16 BOM with an odd byte count', new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]));
  add('nul-bytes.txt', 'unreadable', 'text full of NUL bytes', new Uint8Array(10_000));
  add('bom-only.md', 'unreadable', 'a UTF-8 byte-order mark alone', new Uint8Array([0xef, 0xbb, 0xbf]));
  add('whitespace-only.md', 'unreadable', 'whitespace only', ' \n\t\n'.repeat(1000));
  add('deep-blockquote.md', 'any', '50,000 nested blockquotes', `# DICOM Conformance Statement\n\n${'>'.repeat(50_000)} x\n`);
  add('deep-list.md', 'any', '20,000 nested list items', `# DICOM Conformance Statement\n\n${Array.from({ length: 20_000 }, (_, i) => `${'  '.repeat(i % 2000)}- item ${i}`).join('\n')}\n`);
  add('wide-table.md', 'any', 'a Markdown table with 20,000 columns', `# DICOM Conformance Statement\n\n|${' c |'.repeat(20_000)}\n|${'---|'.repeat(20_000)}\n|${' x |'.repeat(20_000)}\n`);
  add('many-headings.md', 'any', '200,000 headings', Array.from({ length: 200_000 }, (_, i) => `${'#'.repeat(1 + (i % 6))} H${i}`).join('\n'));
  add('regex-bait.md', 'any', 'long runs that stress backtracking regexes', `# DICOM Conformance Statement\n\n${'1.2.'.repeat(20_000)}x ${'a'.repeat(50_000)}! ${' '.repeat(50_000)}x ${'**'.repeat(20_000)}\n`);
  add('deep-sections.rst', 'any', '5,000 heading levels', Array.from({ length: 5000 }, (_, i) => `T${i}\n${String.fromCharCode(33 + (i % 90)).repeat(4)}\n`).join('\n'));
  add('deep-divs.html', 'any', '100,000 nested divs', `<!doctype html><html><body>${'<div>'.repeat(100_000)}DICOM${'</div>'.repeat(100_000)}</body></html>`);
  add('active.html', 'any', 'scripts, iframes, remote images and a meta refresh', `<!doctype html><html><head><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/"><script src="http://127.0.0.1:9/x.js"></script><link rel="stylesheet" href="http://127.0.0.1:9/s.css"></head><body onload="fetch('http://127.0.0.1:9/')"><h1>DICOM Conformance Statement</h1><img src="http://127.0.0.1:9/p.png"><iframe src="file:///etc/passwd"></iframe><script>globalThis.polluted = 'html'</script></body></html>`);
  add('xxe.xhtml.html', 'any', 'XHTML with an external entity', `${XXE_FILE}<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>DICOM Conformance Statement</h1><p>&xxe;</p></body></html>`);
  add('billion-laughs.xml', 'any', 'billion laughs in XML', `${BILLION_LAUGHS}<article><title>DICOM Conformance Statement</title><para>&lol9;</para></article>`);
  add('xxe-file.xml', 'any', 'external entity (file) in XML', `${XXE_FILE}<article><title>DICOM Conformance Statement</title><para>&xxe;</para></article>`);
  add('xxe-net.xml', 'any', 'external entity (network) in XML', `${XXE_NET}<article><para>&xxe;</para></article>`);
  add('deep.xml', 'any', '100,000 nested XML elements', `<?xml version="1.0"?>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`);
  // Deep nesting in every text format: refused on the nesting limit, or read without recursion.
  {
    const tex = (body: string) => `\\documentclass{article}\n\\begin{document}\n\\section{DICOM Conformance Statement}\n${body}\n\\end{document}\n`;
    add('deep-itemize.tex', 'unreadable', '100,000 nested \\begin{itemize}', tex(`${'\\begin{itemize}\\item x\n'.repeat(100_000)}${'\\end{itemize}\n'.repeat(100_000)}`));
    add('deep-groups.tex', 'unreadable', '100,000 nested \\textbf{ groups', tex(`${'\\textbf{'.repeat(100_000)}x${'}'.repeat(100_000)}`));
    add('deep-unclosed.tex', 'unreadable', '100,000 groups and environments opened and never closed', tex(`${'{\\begin{quote}\n'.repeat(100_000)}`));
    add('deep-blockquote-spaced.md', 'any', '45,000 nested block quotes written "> > > …"', `# DICOM Conformance Statement\n\n${'> '.repeat(45_000)}TLS is supported.\n`);
    add('deep-brackets.md', 'any', '40,000 nested link brackets on one line', `# DICOM Conformance Statement\n\n${'['.repeat(40_000)}x${'](u)'.repeat(14_000)}\n`);
    add('emphasis-bait.md', 'any', 'unclosed emphasis, strikethrough, code and image openers by the ten thousand', `# DICOM Conformance Statement\n\n${'**a '.repeat(24_000)}\n\n${'__a '.repeat(24_000)}\n\n${'~~a '.repeat(24_000)}\n\n${'![a]('.repeat(16_000)}\n\n${'<a '.repeat(30_000)}\n`);
    add('deep-quote.rst', 'any', '3,000 levels of indented block quotes', `DICOM Conformance Statement\n===========================\n\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}quote level ${i}\n`).join('\n')}`);
    add('deep-list.rst', 'any', '3,000 nested bullet lists', `DICOM Conformance Statement\n===========================\n\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i)}- item ${i}\n`).join('\n')}`);
    add('deep-directives.rst', 'any', '2,000 nested note directives', `DICOM Conformance Statement\n===========================\n\n${Array.from({ length: 2000 }, (_, i) => `${'   '.repeat(i)}.. note::\n`).join('\n')}`);
    add('deep-lists.html', 'any', '100,000 nested lists', `<!doctype html><html><body><h1>DICOM Conformance Statement</h1>${'<ul><li>'.repeat(100_000)}x${'</li></ul>'.repeat(100_000)}</body></html>`);
    add('deep-tables.html', 'any', '30,000 nested tables', `<!doctype html><html><body><h1>DICOM Conformance Statement</h1>${'<table><tr><td>'.repeat(30_000)}x${'</td></tr></table>'.repeat(30_000)}</body></html>`);
    add('unclosed-divs.html', 'any', '100,000 elements opened and never closed', `<!doctype html><html><body><h1>DICOM Conformance Statement</h1>${'<div><span>'.repeat(100_000)}`);
    add('deep-sections.xml', 'unreadable', '100,000 nested DocBook sections', `<?xml version="1.0"?><article><title>DICOM Conformance Statement</title>${'<section><title>s</title>'.repeat(100_000)}<para>x</para>${'</section>'.repeat(100_000)}</article>`);
    add('unclosed-sections.xml', 'unreadable', '100,000 DocBook sections opened and never closed', `<?xml version="1.0"?><article><title>DICOM Conformance Statement</title>${'<section><title>s</title>'.repeat(100_000)}`);
  }
  add('latex-input.tex', 'any', 'LaTeX \\input of /etc/passwd and \\write18', `\\documentclass{article}\\begin{document}\\section{DICOM Conformance Statement}\\input{/etc/passwd}\\immediate\\write18{curl http://127.0.0.1:9/}\\end{document}\n`);

  // Not regular files.
  add('x.pdf', 'unreadable', 'a folder named like a PDF', undefined, 'dir');
  add('fifo.xlsx', 'unreadable', 'a FIFO named like a workbook', undefined, 'fifo');
  // 60 GB that occupy no disk: refused from the size of the opened file, never read.
  add('sparse-60gb.pdf', 'unreadable', 'a sparse 60 GB file named like a PDF', undefined, 'sparse');
  add('sparse-60gb.md', 'unreadable', 'a sparse 60 GB file named like Markdown', undefined, 'sparse');

  // Reasons that must name the budget (or the cause) in their one line.
  const reasons: [RegExp, string][] = [
    [/^empty\./, 'empty'],
    // (bomb-lying-size: a capped inflate reads only the 100 bytes claimed; any clean refusal will do)
    [/^bomb-(?!lying)/, 'limit'],
    [/^zip-5000-entries/, 'entr.*limit'],
    [/^sheets-1500/, 'sheet.*limit'],
    [/^pdf-3000-pages/, 'page.*limit'],
    [/^pdf-stream-bomb/, 'stream.*limit'],
    [/^pdf-(lzw|nested|ascii85|runlength|asciihex|brotli|flate)-(?!text)/, 'streams expand past the maxPdfStreamBytes limit'],
    [/^pdf-filter-by-reference/, 'streams expand past the maxPdfStreamBytes limit'],
    [/^pdf-predictor-/, 'predictor.*past the maxPdfStreamBytes limit'],
    [/^deep-(itemize|groups|unclosed)\.tex$/, 'nests .* levels deep, over the maxNesting limit'],
    [/^(deep|unclosed)-sections\.xml$/, 'nested too deeply'],
    [/^single-line-10mb\.(txt|md)$/, '(line|character).*limit'],
    [/^single-line-10mb\.csv$/, 'character limit'],
    [/^csv-3m-cells/, 'cell.*limit|limit'],
    [/^csv-unclosed-quote/, 'character limit'],
    [/^wide-row|^ods-repeat-bomb/, 'cell limit'],
    [/^pdf-encrypted/, 'encrypt'],
    [/^pdf-scanned/, 'text'],
    [/^fifo/, 'not a regular file'],
    [/^sparse-60gb/, 'bytes, over the \\d+-byte size limit'],
    [/^x\.pdf$/, 'folder'],
  ];
  for (const c of cases) {
    const hit = reasons.find(([re]) => re.test(c.name));
    if (hit) c.reason = hit[1];
  }
  return cases;
}

export interface GeneratedCorpus {
  dir: string;
  cases: HostileCase[];
  /** Healthy documents written next to the corpus (under dir/../healthy), expected to be reviewed. */
  healthy: string[];
}

/** Writes the hostile corpus into `dir` (emptied first) and healthy samples into `healthyDir`. */
export async function generateHostileCorpus(dir: string, healthyDir = path.join(path.dirname(dir), 'healthy')): Promise<GeneratedCorpus> {
  rmSync(dir, { recursive: true, force: true });
  rmSync(healthyDir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  mkdirSync(healthyDir, { recursive: true });
  const seeds = healthySeeds();
  const cases = await buildCases(seeds);
  const written: HostileCase[] = [];
  for (const c of cases) {
    const file = path.join(dir, c.name);
    if (c.special === 'dir') {
      mkdirSync(file);
      writeFileSync(path.join(file, 'README'), 'a folder named like a document');
    } else if (c.special === 'fifo') {
      if (process.platform === 'win32') continue;
      try {
        execFileSync('mkfifo', [file]);
      } catch {
        continue;
      }
    } else if (c.special === 'sparse') {
      const fd = openSync(file, 'w');
      let sparse = true;
      try {
        ftruncateSync(fd, 60 * 1024 ** 3);
      } catch {
        sparse = false;
      } finally {
        closeSync(fd);
      }
      if (!sparse) {
        rmSync(file); // a file system without sparse files: the case is left out
        continue;
      }
    } else writeFileSync(file, c.bytes ?? new Uint8Array(0));
    written.push({ name: c.name, expect: c.expect, attack: c.attack, ...(c.reason ? { reason: c.reason } : {}) });
  }
  const healthy = [
    ['northwind-mds2.xlsx', seeds.xlsx],
    ['contoso-mds2.xlsx', seeds.xlsx2],
    ['northwind-cs.pdf', seeds.pdf],
    ['northwind-cs.md', seeds.md],
  ] as const;
  const healthyFiles: string[] = [];
  for (const [name, data] of healthy) {
    const file = path.join(healthyDir, name);
    writeFileSync(file, data);
    healthyFiles.push(file);
  }
  writeFileSync(path.join(dir, 'MANIFEST.json'), `${JSON.stringify(written, null, 1)}\n`);
  return { dir, cases: written, healthy: healthyFiles };
}

