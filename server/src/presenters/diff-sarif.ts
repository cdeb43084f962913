// `diff --format sarif`: the new revision's review as SARIF (presenters/sarif.ts), each result
// marked with its baselineState against the old revision, and each finding of the old revision
// that is gone added as an `absent` result at its old place. CI can then fail on `new` only, as
// Checkov's baseline and Snyk's "net new" do.
import type { Finding } from '../core/findings.js';
import { matchByIdentity, type RevisionDiff } from '../engine/diff.js';
import type { DocumentReview, ReviewReport } from '../engine/report.js';
import { summarize } from '../engine/summary.js';
import type { DiffOptions } from './diff-formats.js';
import { formatSarif } from './sarif.js';

export function formatDiffSarif(d: RevisionDiff, { catalog, report, cwd = process.cwd() }: DiffOptions): string {
  const [oldDoc, newDoc] = [d.old.path, d.new.path].map((p) => report.documents.find((x) => x.path === p)!) as [DocumentReview, DocumentReview];
  // Marked in the new revision's own order, so SARIF's occurrence numbers are those of a plain lint run.
  const { states } = matchByIdentity([...oldDoc.findings, ...oldDoc.waived], [...newDoc.findings, ...newDoc.waived]);
  const mark = (f: Finding, i: number): Finding => ({ ...f, baseline: states[i] });
  const split = (fs: Finding[]) => ({ findings: fs.filter((f) => !f.waiver), waived: fs.filter((f) => f.waiver) });
  const documents: DocumentReview[] = [
    { ...newDoc, findings: newDoc.findings.map(mark), waived: newDoc.waived.map((f, i) => mark(f, newDoc.findings.length + i)) },
    { ...oldDoc, ...split(d.findings.closed), notApplicable: [] },
  ];
  const baseline: ReviewReport = { ...report, documents, crossFindings: [], crossNotApplicable: [], summary: summarize(documents, []) };
  return formatSarif(baseline, { catalog, cwd });
}
