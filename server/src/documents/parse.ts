// Bytes → recognised document. The kind comes from content, never from the file name alone.
import { UnreadableError } from '../core/errors.js';
import { readSource } from '../readers/read.js';
import type { ParsedDocument } from './document.js';
import { KINDS, type DocumentModel } from './kinds.js';

export async function parseDocument(path: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const source = await readSource(path, bytes);
  for (const entry of KINDS) {
    const model: DocumentModel | null = entry.recognise(source);
    if (model) return { path, kind: model.kind, source, model };
  }
  const labels = KINDS.map((k) => k.label);
  throw new UnreadableError(
    source.kind === 'sheets'
      ? 'a spreadsheet without an MDS2 question table (no rows of question IDs like AUTH-1 with answers)'
      : labels.length === 2
        ? `neither ${labels[0]} nor ${labels[1]}`
        : `none of: ${labels.join(', ')}`,
    'not-a-document',
  );
}
