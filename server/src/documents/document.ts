import type { Source } from '../readers/source.js';
import type { DocumentModel, KindId } from './kinds.js';
import type { Recognition } from './recognition.js';

export type { DocumentModel, KindId } from './kinds.js';
/** A registered kind, or 'unknown' for a file that could not be read or recognised. */
export type DocumentKind = KindId | 'unknown';

/** A document read and recognised: its source (for locations and the review view) and its model. */
export interface ParsedDocument {
  path: string;
  kind: KindId;
  source: Source;
  model: DocumentModel;
  /** What the content says the document is, and why. */
  recognition?: Recognition;
}
