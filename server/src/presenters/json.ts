// `--format json`: the versioned contract other tools read. Models stay out; evidence stays in.
import type { ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';

export function formatJson(report: ReviewReport, _options?: PresentOptions): string {
  const documents = report.documents.map(({ model: _m, ...d }) => {
    const out: Record<string, unknown> = { path: d.path, kind: d.kind, status: d.status, config: d.config ?? null };
    if (d.sha256) out.sha256 = d.sha256; // the revision reviewed, as questionnaires and reports record it
    if (d.recognition) out.recognition = d.recognition;
    if (d.error) out.error = d.error;
    if (d.reason) out.reason = d.reason;
    out.findings = d.findings;
    if (d.waived.length) out.waived = d.waived;
    if (d.notApplicable?.length) out.notApplicable = d.notApplicable;
    return out;
  });
  const crossNa = report.crossNotApplicable?.length ? { crossNotApplicable: report.crossNotApplicable } : {};
  const notices = report.notices?.length ? { notices: report.notices } : {};
  const skipped = report.skipped ?? [];
  const run = { version: report.version, config: report.config ?? null, ...(report.knownExploited ? { knownExploited: report.knownExploited } : {}) };
  return `${JSON.stringify({ ...run, documents, crossFindings: report.crossFindings, ...crossNa, ...notices, skipped, summary: { ...report.summary, skipped: skipped.length } }, null, 2)}\n`;
}
