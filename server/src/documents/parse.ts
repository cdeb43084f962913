// Bytes → recognised document. The kind comes from content, never from the file name alone:
// documents/recognition.ts names what a text is (with a reason and a confidence), and the kinds of
// documents/kinds.ts build the model of the ones dicomsec reviews.
import { UnreadableError } from '../core/errors.js';
import { readSource } from '../readers/read.js';
import type { TextSource } from '../readers/source.js';
import type { ParsedDocument } from './document.js';
import { KINDS, kindOf, type DocumentModel } from './kinds.js';
import { recogniseSheets, recogniseText, type Recognition } from './recognition.js';

/** A document that is readable but not one dicomsec reviews (an HL7 statement, a security guide, a manifest). */
export class NotReviewableError extends UnreadableError {
  constructor(readonly recognition: Recognition) {
    super(recognition.reason, 'not-a-document');
  }
}

/** Kinds that are recognised and declined: no model is built for them, whatever else they resemble. */
const DECLINED = new Set<Recognition['kind']>(['hl7-conformance-statement', 'security-guide', 'not-a-vendor-document']);

function recognitionOf(model: DocumentModel, text: Recognition | undefined): Recognition {
  const own = kindOf(model).recognition?.(model);
  if (own) return { kind: model.kind === 'conformance-statement' ? 'dicom-conformance-statement' : model.kind, confidence: 'high', reason: own };
  if (model.kind === 'questionnaire') return { kind: 'questionnaire', confidence: 'high', reason: `dicomsec vendor questionnaire (${model.rows.length} rows about ${model.documents.length} documents)` };
  if (model.kind === 'mds2') return { kind: 'mds2', confidence: 'high', reason: `MDS2 form (${model.edition}, ${model.order.length} question rows)` };
  if (model.kind === 'rfp') return text?.kind === 'rfp' ? text : { kind: 'rfp', confidence: 'medium', reason: `a request for proposal draft (signals: ${model.signals.join(', ')})` };
  return text ?? { kind: 'dicom-conformance-statement', confidence: 'medium', reason: 'DICOM Conformance Statement' };
}

export async function parseDocument(path: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const source = await readSource(path, bytes);
  if (source.kind === 'text' && (source.format === 'json' || source.dataNamespace)) return parseJsonDocument(path, source);
  const text = source.kind === 'text' ? recogniseText(source) : undefined;
  const declined = text !== undefined && DECLINED.has(text.kind);
  for (const entry of KINDS) {
    // An MDS2 question table is unambiguous; every other kind yields to a declined recognition
    // (a security white paper talks like a statement without being one).
    if ((declined && entry.id !== 'mds2') || ('json' in entry && entry.json)) continue;
    const model: DocumentModel | null = entry.recognise(source);
    if (model) return { path, kind: model.kind, source, model, recognition: recognitionOf(model, text) };
  }
  throw new NotReviewableError(source.kind === 'text' ? text! : recogniseSheets(source));
}

/**
 * A JSON document or XML in a data vocabulary (a CycloneDX BOM): an SBOM or an advisory, else a
 * data file that is no vendor document (a manifest, a package.json). Only the kinds that read
 * data (`json: true`) are asked.
 */
function parseJsonDocument(path: string, source: TextSource): ParsedDocument {
  for (const entry of KINDS) {
    if (!('json' in entry && entry.json)) continue;
    const model: DocumentModel | null = entry.recognise(source);
    if (model) return { path, kind: model.kind, source, model, recognition: recognitionOf(model, undefined) };
  }
  throw new NotReviewableError({
    kind: 'not-a-vendor-document',
    confidence: 'high',
    reason: `a ${source.format === 'xml' ? 'XML' : 'JSON'} data file, not a vendor document (neither a CycloneDX or SPDX SBOM nor a CSAF advisory)`,
  });
}
