// Picks a reader from the bytes themselves (magic numbers, zip entries), using the file name
// only to tell apart text formats that look alike. Heavy readers (PDF) load lazily.
import { UnreadableError } from '../core/errors.js';
import type { Source, TextFormat } from './source.js';
import { limits } from '../core/limits.js';

const ext = (path: string) => (/\.([a-z0-9]+)$/i.exec(path)?.[1] ?? '').toLowerCase();

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

export type ContainerKind = 'zip' | 'pdf' | 'ole' | 'text';

export function sniff(bytes: Uint8Array): ContainerKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  // %PDF may follow a little junk; PDF readers accept it within the first 1 KiB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return 'text';
}

export function textFormatFor(path: string, text: string): TextFormat | 'csv' {
  switch (ext(path)) {
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'rst':
      return 'rst';
    case 'htm':
    case 'html':
    case 'xhtml':
      return 'html';
    case 'xml':
    case 'dbk':
      return 'xml';
    case 'tex':
      return 'latex';
  }
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (head.startsWith('<?xml')) return head.includes('<html') ? 'html' : 'xml';
  return 'text';
}

/** Decodes text strictly enough to refuse binaries that are not text at all. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Older vendor exports are often Windows-1252; accept that, but not binary noise.
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.02) {
    throw new UnreadableError('not a text document: the file holds binary data of an unsupported format', 'unsupported');
  }
  return text;
}

export async function readSource(path: string, bytes: Uint8Array): Promise<Source> {
  if (bytes.length === 0) throw new UnreadableError('the file is empty', 'empty');
  if (bytes.length > limits.maxFileBytes) {
    throw new UnreadableError(`the file is ${bytes.length} bytes, over the ${limits.maxFileBytes}-byte size limit`, 'limit');
  }
  switch (sniff(bytes)) {
    case 'pdf': {
      const { readPdf } = await import('./pdf.js');
      return readPdf(bytes);
    }
    case 'zip': {
      const { zipKind } = await import('./zip.js');
      const kind = zipKind(bytes);
      if (kind === 'docx') return (await import('./docx.js')).readDocx(bytes);
      if (kind === 'odt') return (await import('./odt.js')).readOdt(bytes);
      if (kind === 'xlsx' || kind === 'ods') return (await import('./spreadsheet.js')).readSpreadsheet(bytes, kind);
      throw new UnreadableError('a zip archive that is neither a workbook nor a Word or OpenDocument file', 'unsupported');
    }
    case 'ole': {
      // Legacy .xls, or an Office file protected with a password (OLE container with EncryptionInfo).
      return (await import('./spreadsheet.js')).readSpreadsheet(bytes, 'xls');
    }
    case 'text': {
      const text = decodeText(bytes);
      // Only whitespace (or a byte-order mark alone) is an empty file, not a text that is no document.
      if (text.replace(/^\ufeff/, '').trim() === '') throw new UnreadableError('the file holds only whitespace', 'empty');
      const format = textFormatFor(path, text);
      if (format === 'csv') return (await import('./spreadsheet.js')).readCsv(text);
      const { readText } = await import('./text-formats.js');
      if (format === 'rst') {
        const project = await import('./rst-project.js');
        if (project.hasFileReferences(text)) return project.readRstProject(path, text);
      }
      return readText(text, format);
    }
  }
}
