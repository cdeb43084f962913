// One entry per file format: its extensions, the container its bytes come in, how its content is
// recognised, how the editor treats it, and the reader that loads it. Reading (read.ts),
// discovery, the language server and the VS Code client, the hostile-file generator and the
// fuzzer take their lists from here; test/architecture/formats.test.ts fails when package.json's
// activation events and menus drift from it.
//
// The loaders sit in their own table below the entries: the client bundles FORMATS (for file
// extensions) and must not pull in the readers, which only LOADERS reaches.
import type { Source } from './source.js';

/** What the bytes are at the outermost level, told by magic numbers (`containerOf`). */
export type Container = 'zip' | 'pdf' | 'ole' | 'text';

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** The container, from magic numbers only: the file name has no say. */
export function containerOf(bytes: Uint8Array): Container {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  // %PDF may follow a little junk; PDF readers accept it within the first 1 KiB.
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 1024); i++) head += String.fromCharCode(bytes[i]!);
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return 'text';
}

/**
 * How an editor holds the file: `view` cannot be shown as text (the review view shows it, read
 * from disk); `text` is edited as text and reviewed from the editor's buffer; `table` is text in
 * an editor but read as a table (CSV), from disk.
 */
export type EditorMode = 'view' | 'text' | 'table';

/** What a zip-based format is recognised by: its entries. */
export interface ZipProbe {
  has(name: string): boolean;
  readText(name: string): string;
}

export interface FileFormat {
  /** Also the `format` of the Source it reads to. */
  id: string;
  label: string;
  /** Lower case, without the dot; the first is the usual one. */
  extensions: readonly string[];
  container: Container;
  produces: 'sheets' | 'text';
  editor: EditorMode;
  /** zip container: true when the archive's entries are this format's. Checked in table order. */
  zipEntries?(zip: ZipProbe): boolean;
  /** text container: true when the start of the text is this format's, whatever the file is named. */
  sniff?(head: string): boolean;
  /** text container: read as this when neither the extension nor `sniff` names another format. */
  fallback?: boolean;
}

const opendocument = (mime: string) => (zip: ZipProbe) => zip.has('mimetype') && zip.readText('mimetype').trim() === mime;

export const FORMATS = [
  { id: 'docx', label: 'Word document', extensions: ['docx'], container: 'zip', produces: 'text', editor: 'view', zipEntries: (zip) => zip.has('word/document.xml') },
  { id: 'xlsx', label: 'Excel workbook', extensions: ['xlsx', 'xlsm'], container: 'zip', produces: 'sheets', editor: 'view', zipEntries: (zip) => zip.has('xl/workbook.xml') || zip.has('xl/workbook.bin') },
  { id: 'odt', label: 'OpenDocument text', extensions: ['odt'], container: 'zip', produces: 'text', editor: 'view', zipEntries: opendocument('application/vnd.oasis.opendocument.text') },
  { id: 'ods', label: 'OpenDocument spreadsheet', extensions: ['ods'], container: 'zip', produces: 'sheets', editor: 'view', zipEntries: opendocument('application/vnd.oasis.opendocument.spreadsheet') },
  // Legacy .xls, or an Office file protected with a password (OLE container with EncryptionInfo).
  { id: 'xls', label: 'Excel 97-2003 workbook', extensions: ['xls'], container: 'ole', produces: 'sheets', editor: 'view' },
  { id: 'pdf', label: 'PDF', extensions: ['pdf'], container: 'pdf', produces: 'text', editor: 'view' },
  { id: 'csv', label: 'comma- or tab-separated values', extensions: ['csv', 'tsv'], container: 'text', produces: 'sheets', editor: 'table' },
  { id: 'markdown', label: 'Markdown', extensions: ['md', 'markdown'], container: 'text', produces: 'text', editor: 'text' },
  { id: 'rst', label: 'reStructuredText', extensions: ['rst'], container: 'text', produces: 'text', editor: 'text' },
  {
    id: 'html',
    label: 'HTML',
    extensions: ['html', 'htm', 'xhtml'],
    container: 'text',
    produces: 'text',
    editor: 'text',
    sniff: (head) => head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<?xml') && head.includes('<html')),
  },
  { id: 'xml', label: 'XML (DocBook)', extensions: ['xml', 'dbk'], container: 'text', produces: 'text', editor: 'text', sniff: (head) => head.startsWith('<?xml') },
  {
    id: 'json',
    label: 'JSON (CycloneDX, SPDX, CSAF)',
    extensions: ['json'],
    container: 'text',
    produces: 'text',
    editor: 'text',
    // An SBOM or advisory under another name (bom.cdx, a .txt export): its first keys say so.
    sniff: (head) => head.startsWith('{') && /"(?:bomformat|spdxversion|csaf_version|document)"\s*:/.test(head),
  },
  { id: 'latex', label: 'LaTeX', extensions: ['tex'], container: 'text', produces: 'text', editor: 'text' },
  { id: 'text', label: 'plain text', extensions: ['txt', 'text'], container: 'text', produces: 'text', editor: 'text', fallback: true },
] as const satisfies readonly FileFormat[];

export type FormatEntry = (typeof FORMATS)[number];
export type FormatId = FormatEntry['id'];
export type SheetFormat = Extract<FormatEntry, { produces: 'sheets' }>['id'];
export type TextFormat = Extract<FormatEntry, { produces: 'text' }>['id'];

/** Every extension a document may have, in table order (discovery, watchers, menus). */
export const DOCUMENT_EXTENSIONS: readonly string[] = FORMATS.flatMap((f) => f.extensions);

export function extensionsWhere(editor: EditorMode): string[] {
  return FORMATS.filter((f) => f.editor === editor).flatMap((f) => f.extensions);
}

const byExtension = new Map<string, FormatEntry>(FORMATS.flatMap((f) => f.extensions.map((e) => [e, f] as const)));

/** The extension of a path or URI, lower case, without the dot ('' when none). */
export function extensionOf(pathOrUri: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(pathOrUri.replace(/[?#].*$/, ''));
  return m ? m[1]!.toLowerCase() : '';
}

/** The format a file name claims (its extension), if any. Content still decides how it is read. */
export function formatOfName(pathOrUri: string): FormatEntry | undefined {
  return byExtension.get(extensionOf(pathOrUri));
}

/** The zip-based format whose entries the archive has. */
export function zipFormat(zip: ZipProbe): FormatEntry | undefined {
  return FORMATS.find((f) => f.container === 'zip' && 'zipEntries' in f && f.zipEntries(zip));
}

/** The format a file in an other container than zip or text is (one each today). */
export function containerFormat(container: 'pdf' | 'ole'): FormatEntry {
  return FORMATS.find((f) => f.container === container)!;
}

/**
 * A decoded text's format: its extension when that names a text format other than the fallback,
 * else the first format whose `sniff` knows its start, else plain text. A `.txt` that is HTML
 * is read as HTML.
 */
export function textFormat(path: string, text: string): FormatEntry {
  const named = formatOfName(path);
  if (named && named.container === 'text' && !('fallback' in named && named.fallback)) return named;
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return FORMATS.find((f) => f.container === 'text' && 'sniff' in f && f.sniff(head)) ?? FORMATS.find((f) => 'fallback' in f && f.fallback)!;
}

/** What a loader gets: the path (for multi-file documents), the bytes and, for text containers, the decoded text. */
export interface LoadInput {
  path: string;
  bytes: Uint8Array;
  text: string;
}

type Loader = (input: LoadInput) => Promise<Source>;

/**
 * The reader of each format, loaded on first use (the PDF stack only when a PDF is read). Plain
 * arrow functions only: a call here would keep this table, and every reader, in the client bundle.
 */
export const LOADERS: Record<FormatId, Loader> = {
  docx: async ({ bytes }) => (await import('./docx.js')).readDocx(bytes),
  xlsx: async ({ bytes }) => (await import('./spreadsheet.js')).readSpreadsheet(bytes, 'xlsx'),
  odt: async ({ bytes }) => (await import('./odt.js')).readOdt(bytes),
  ods: async ({ bytes }) => (await import('./spreadsheet.js')).readSpreadsheet(bytes, 'ods'),
  xls: async ({ bytes }) => (await import('./spreadsheet.js')).readSpreadsheet(bytes, 'xls'),
  pdf: async ({ bytes }) => (await import('./pdf.js')).readPdf(bytes),
  csv: async ({ text }) => (await import('./spreadsheet.js')).readCsv(text),
  markdown: async ({ text }) => (await import('./text-formats.js')).readText(text, 'markdown'),
  rst: async (input) => {
    // A Sphinx tree's root (toctree, include, csv-table :file:) is assembled from its files.
    const project = await import('./rst-project.js');
    if (project.hasFileReferences(input.text)) return project.readRstProject(input.path, input.text);
    return (await import('./text-formats.js')).readText(input.text, 'rst');
  },
  html: async ({ text }) => (await import('./text-formats.js')).readText(text, 'html'),
  xml: async ({ text }) => (await import('./text-formats.js')).readText(text, 'xml'),
  json: async ({ text }) => (await import('./json.js')).readJson(text),
  latex: async ({ text }) => (await import('./text-formats.js')).readText(text, 'latex'),
  text: async ({ text }) => (await import('./text-formats.js')).readText(text, 'text'),
};
