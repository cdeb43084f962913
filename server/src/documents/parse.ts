// Bytes → recognised document. The kind comes from content, never from the file name alone.
import { UnreadableError } from '../core/errors.js';
import { readSource } from '../readers/read.js';
import type { ParsedDocument } from './document.js';
import { parseMds2 } from './mds2/parse.js';
import { parseConformance } from './conformance/parse.js';

export async function parseDocument(path: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const source = await readSource(path, bytes);
  const mds2 = parseMds2(source);
  if (mds2) return { path, kind: 'mds2', source, model: mds2 };
  if (source.kind === 'text') {
    const cs = parseConformance(source);
    if (cs) return { path, kind: 'conformance-statement', source, model: cs };
  }
  throw new UnreadableError(
    source.kind === 'sheets'
      ? 'a spreadsheet without an MDS2 question table (no rows of question IDs like AUTH-1 with answers)'
      : 'neither an MDS2 form nor a DICOM Conformance Statement',
    'not-a-document',
  );
}
