// What the compare presenters share: how a cell reads (answer or fact, then where it was found),
// a rule verdict's word, and the comparison with its paths made relative for output.
import type { Evidence } from '../core/findings.js';
import type { AnswerCell, Comparison, FactCell } from '../engine/compare.js';
import type { RuleStatus } from '../engine/milestone-scores.js';
import { describeEvidence, relativePath } from './location.js';

/** Where a value stands, without the question ID the row already names: 'mds2-form!C90', '§ 6.1 Security Profiles line 87'. */
export function cellPlace(e: Evidence | undefined): string {
  return e ? describeEvidence({ ...e, questionId: undefined, section: e.questionId ? undefined : e.section }) : '';
}

const ANSWER_WORDS: Record<AnswerCell['answer'], string> = { yes: 'Yes', no: 'No', 'n/a': 'N/A', 'see-note': 'See note', unanswered: 'unanswered', text: '', 'not-in-form': 'not in this form' };

/** The answer as the vendor wrote it, or the normalised word when the cell is blank or missing. */
export function answerText(c: AnswerCell | null): string {
  if (!c) return 'no form';
  const written = c.text.replace(/\s+/g, ' ').trim();
  return written || ANSWER_WORDS[c.answer];
}

export function factCellText(c: FactCell | null): string {
  return c ? c.text : 'no statement';
}

export const STATUS_WORDS: Record<RuleStatus, string> = { passed: 'passed', gap: 'gap', waived: 'waived', unanswered: 'unanswered', 'not-applicable': 'n/a', 'no-document': '—' };

export function clipText(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The comparison with every path relative to `cwd` (as the other formats print paths). */
export function withRelativePaths(c: Comparison, cwd: string): Comparison {
  const ev = (e: Evidence | undefined) => (e ? { ...e, ...(e.path ? { path: relativePath(e.path, cwd) } : {}) } : undefined);
  const cell = <T extends { evidence?: Evidence }>(x: T | null): T | null => (x ? { ...x, ...(x.evidence ? { evidence: ev(x.evidence) } : {}) } : null);
  return {
    ...c,
    products: c.products.map((p) => ({ ...p, documents: p.documents.map((d) => ({ ...d, path: relativePath(d.path, cwd) })) })),
    questions: c.questions.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, cells: r.cells.map(cell) })) })),
    facts: c.facts.map((g) => ({ ...g, rows: g.rows.map((r) => ({ ...r, cells: r.cells.map(cell) })) })),
    unreadable: c.unreadable.map((u) => ({ ...u, path: relativePath(u.path, cwd) })),
  };
}
