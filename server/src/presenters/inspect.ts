// `dicomsec inspect`: the parsed model as JSON, in the documented shape.
import type { DocumentModel } from '../documents/document.js';

export function inspectModel(model: DocumentModel): unknown {
  if (model.kind === 'mds2') {
    const answers: Record<string, unknown> = {};
    for (const id of model.order) {
      const a = model.answers[id];
      if (!a) continue;
      answers[id] = { value: a.value, raw: a.raw, ...(a.note ? { note: a.note } : {}), ...(a.noteRef ? { noteRef: a.noteRef } : {}), location: a.location };
    }
    return {
      kind: 'mds2',
      edition: model.edition,
      manufacturer: model.manufacturer ?? null,
      deviceDescription: model.deviceDescription ?? null,
      model: model.model ?? null,
      documentId: model.documentId ?? null,
      releaseDate: model.releaseDate ?? null,
      answers,
      notes: Object.fromEntries(Object.entries(model.notes).map(([id, n]) => [id, { text: n.text, location: n.location }])),
    };
  }
  return model;
}
