// The vendor questionnaire read back as a document kind. Its rows are not findings of their own:
// the engine (engine/questionnaires.ts) shows each answer with the finding it answers and, when
// the reviewer's configuration says so, turns accepted rows into waivers.
import type { Evidence } from '../../core/findings.js';
import type { DocumentKindEntry, ViewGroup } from '../kinds.js';
import type { CellText, Questionnaire, QuestionnaireRow } from './model.js';
import { parseQuestionnaire } from './parse.js';

/** Evidence quoting one filled-in cell, labelled by what it is (vendor answer, reviewer decision…). */
export function cellEvidence(cell: CellText, label: string, path?: string): Evidence {
  return { path, section: label, sheet: cell.sheet, cell: cell.cell, quote: cell.text };
}

/** The evidence of a row: the vendor's answer when there is one, else the row's Rule cell. */
export function rowEvidence(row: QuestionnaireRow, path?: string): Evidence {
  return row.answer ? cellEvidence(row.answer, 'Vendor answer', path) : { path, section: `row ${row.row}`, ...row.location, quote: row.ruleId };
}

const products = (q: Questionnaire) => [...new Set(q.documents.map((d) => d.product).filter((p) => p && !p.startsWith('not reviewed')))];

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function groups(q: Questionnaire): ViewGroup[] {
  const out: ViewGroup[] = [];
  for (const row of q.rows) {
    const name = row.product || row.documents.join(', ') || 'Questions';
    let group = out.find((g) => g.name === name);
    if (!group) out.push((group = { name, items: [] }));
    const answer = row.answer ? `answer "${clip(row.answer.text, 100)}"` : 'no answer';
    const decision = row.decision ? `; ${clip(row.decision.text, 20)}${row.justification ? `: ${clip(row.justification.text, 80)}` : ''}` : '';
    group.items.push({
      id: `row ${row.row}`,
      text: `${`row ${row.row}`.padEnd(9)}${row.ruleId.padEnd(16)}${row.place ? `${row.place} ` : ''}— ${answer}${decision}`,
      detail: `${row.ruleId} ${answer}`,
      question: false,
      location: row.answer ?? row.location,
    });
  }
  return out;
}

export const questionnaireKind: DocumentKindEntry<Questionnaire> = {
  id: 'questionnaire',
  recognise: (source) => (source.kind === 'sheets' ? parseQuestionnaire(source) : null),
  celVariables: ['questionnaire'],
  variables: (q) => ({
    questionnaire: {
      toolVersion: q.toolVersion,
      generated: q.generated,
      documents: q.documents.map(({ location: _l, ...d }) => d),
      rows: q.rows.map((r) => ({ row: r.row, ruleId: r.ruleId, place: r.place, documents: r.documents, answer: r.answer?.text ?? '', decision: r.decision?.text ?? '', justification: r.justification?.text ?? '', expires: r.expires?.text ?? '' })),
    },
  }),
  // A rule cites a row by its question or section ({ fact: 'AUTH-1' }); MDS2 answer matchers do not apply.
  citation: 'fact',
  cite: (q, place, path) => q.rows.filter((r) => r.place === place).map((r) => rowEvidence(r, path)),
  fallbackEvidence: (q, path) => ({ path, section: 'Questions', sheet: q.questionsSheet, cell: `A${q.headerRow}` }),
  startEvidence: (q, path) => ({ path, section: 'document start', sheet: q.aboutSheet, cell: 'A1' }),
  title: (q) => {
    const names = products(q);
    return names.length ? [`Vendor questionnaire: ${names.join('; ')}`] : ['Vendor questionnaire'];
  },
  reviewerOwned: true,
  view: {
    title: () => 'dicomsec vendor questionnaire',
    facts: (q) => [
      ['Written by', `${q.tool} ${q.toolVersion}`],
      ['Generated', q.generated],
      ['Documents', q.documents.map((d) => d.name).join(', ')],
      ['Rows', String(q.rows.length)],
      ['Answered', String(q.rows.filter((r) => r.answer).length)],
      ['Decided', String(q.rows.filter((r) => r.decision).length)],
    ],
    groups,
  },
};
