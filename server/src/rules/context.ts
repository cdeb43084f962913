// Builds what a rule sees: the CEL variables of the documents it is evaluated against, from each
// kind's entry in documents/kinds.ts.
import type { DocumentModel, KindId } from '../documents/kinds.js';
import { kindOf } from '../documents/kinds.js';
import { toCelValue } from './expression.js';
import { crossVariables } from './cross-facts.js';

/** One document a rule is evaluated against, with its path for evidence. */
export interface SubjectDocument {
  model: DocumentModel;
  path?: string;
}

/** One document for per-document rules; for cross-document rules the documents compared, anchor first (the MDS2 form of a pair). */
export interface RuleSubject {
  documents: SubjectDocument[];
}

/** The subject's document of one kind, typed by that kind. */
export function documentOfKind<K extends KindId>(subject: RuleSubject, kind: K): { model: Extract<DocumentModel, { kind: K }>; path?: string } | undefined {
  return subject.documents.find((d) => d.model.kind === kind) as { model: Extract<DocumentModel, { kind: K }>; path?: string } | undefined;
}

const celCache = new WeakMap<object, Record<string, unknown>>();
const crossCache = new WeakMap<RuleSubject, Record<string, unknown> | undefined>();

export function celContext(subject: RuleSubject): Record<string, unknown> {
  // `now` lets rules judge age (a statement older than three years) without a clock of their own.
  const parts: Record<string, unknown> = { now: new Date() };
  for (const { model } of subject.documents) {
    let vars = celCache.get(model);
    if (!vars) {
      vars = {};
      for (const [name, value] of Object.entries(kindOf(model).variables(model))) vars[name] = toCelValue(value);
      celCache.set(model, vars);
    }
    Object.assign(parts, vars);
  }
  // Between documents: `cross.<fact>` (cross-facts.ts), computed once per subject.
  let cross = crossCache.get(subject);
  if (cross === undefined && subject.documents.length > 1) crossCache.set(subject, (cross = crossVariables(subject)));
  if (cross) parts['cross'] = toCelValue(cross);
  return parts;
}
