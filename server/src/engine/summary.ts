import type { Finding, Severity } from '../core/findings.js';
import type { DocumentReview, ReviewSummary } from './report.js';

export function summarize(documents: DocumentReview[], crossFindings: Finding[]): ReviewSummary {
  const findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let waived = 0;
  for (const d of documents) {
    for (const f of d.findings) findings[f.severity]++;
    waived += d.waived.length;
  }
  for (const f of crossFindings) findings[f.severity]++;
  return {
    documents: documents.length,
    reviewed: documents.filter((d) => d.status === 'reviewed').length,
    unreadable: documents.filter((d) => d.status === 'unreadable').length,
    findings,
    waived,
  };
}
