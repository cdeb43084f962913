// Picks a reader from the bytes themselves (magic numbers, zip entries), using the file name
// only to tell apart text formats that look alike. The formats and their readers are listed in
// formats.ts; heavy readers (PDF) load lazily.
import { UnreadableError } from '../core/errors.js';
import type { Source } from './source.js';
import { limits } from '../core/limits.js';
import { containerFormat, containerOf, LOADERS, textFormat, zipFormat, type FormatEntry } from './formats.js';

/** Decodes text strictly enough to refuse binaries that are not text at all. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
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
  const container = containerOf(bytes);
  let format: FormatEntry | undefined;
  let text = '';
  if (container === 'zip') {
    const { openZip } = await import('./zip.js');
    format = zipFormat(openZip(bytes));
    if (!format) throw new UnreadableError('a zip archive that is neither a workbook nor a Word or OpenDocument file', 'unsupported');
  } else if (container === 'text') {
    text = decodeText(bytes);
    // Only whitespace (or a byte-order mark alone) is an empty file, not a text that is no document.
    if (text.replace(/^\ufeff/, '').trim() === '') throw new UnreadableError('the file holds only whitespace', 'empty');
    format = textFormat(path, text);
  } else format = containerFormat(container);
  return LOADERS[format.id]({ path, bytes, text });
}
