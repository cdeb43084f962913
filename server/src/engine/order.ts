// Findings in document order: by question position where the kind has questions (MDS2), else by page and line.
import type { Finding } from '../core/findings.js';
import { severityRank } from '../core/findings.js';
import { kindOf, type DocumentModel } from '../documents/kinds.js';

export function sortFindings(findings: Finding[], model?: DocumentModel): Finding[] {
  const index = new Map<string, number>();
  if (model) kindOf(model).questionOrder?.(model).forEach((id, i) => index.set(id, i));
  const key = (f: Finding): [number, number, number] => {
    const e = f.evidence[0];
    if (!e) return [1e9, 1e9, 0];
    if (e.questionId !== undefined) return [index.get(e.questionId) ?? 1e9, 0, 0];
    return [e.page ?? 0, e.line ?? 0, 0];
  };
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || ka[1] - kb[1] || severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId);
  });
}
