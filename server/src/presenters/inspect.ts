// `dicomsec inspect`: the parsed model as JSON, in the shape its kind documents.
import { kindOf, type DocumentModel } from '../documents/kinds.js';

export function inspectModel(model: DocumentModel): unknown {
  const kind = kindOf(model);
  return kind.inspect ? kind.inspect(model) : model;
}
