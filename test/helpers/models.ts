// Builders for document models in tests: a form is a map of question ID → answer.
import type { AnswerValue, Mds2Form } from '../../server/src/documents/mds2/model.js';
import type { CatalogRule } from '../../server/src/rules/rule.js';

export function makeForm(answers: Record<string, AnswerValue | { value: AnswerValue; raw?: string; note?: string; noteRef?: string }>, extra: Partial<Mds2Form> = {}): Mds2Form {
  const form: Mds2Form = { kind: 'mds2', edition: 'HN 1-2019', answers: {}, order: [], notes: {}, manufacturer: 'Example Co', model: 'X-1', ...extra };
  let row = 6;
  for (const [id, spec] of Object.entries(answers)) {
    const a = typeof spec === 'string' ? { value: spec } : spec;
    form.answers[id] = {
      id,
      value: a.value,
      raw: a.raw ?? (a.value === 'unanswered' ? '' : a.value),
      section: id.split('-')[0]!,
      note: a.note,
      noteRef: a.noteRef,
      location: { sheet: 'mds2-form', cell: `C${row++}` },
    };
    form.order.push(id);
  }
  return form;
}

export function makeRule(partial: Partial<CatalogRule> & { id: string }): CatalogRule {
  return {
    title: `title of ${partial.id}`,
    severity: 'warning',
    appliesTo: 'mds2',
    frameworks: { 'nist-800-53': ['SC-8'] },
    message: `message of ${partial.id}`,
    rationale: 'why',
    remediation: 'fix',
    question: 'ask',
    rfpClause: 'shall',
    pack: 'test',
    ...partial,
  };
}
