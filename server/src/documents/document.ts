import type { Source } from '../readers/source.js';
import type { Mds2Form } from './mds2/model.js';
import type { ConformanceStatement } from './conformance/model.js';

export type DocumentKind = 'mds2' | 'conformance-statement' | 'rfp' | 'unknown';
export type DocumentModel = Mds2Form | ConformanceStatement;

/** A document read and recognised: its source (for locations and the review view) and its model. */
export interface ParsedDocument {
  path: string;
  kind: DocumentKind;
  source: Source;
  model: DocumentModel;
}
