// Evidence on a document assembled from several files points at the file and line it came from.
import type { Finding } from '../core/findings.js';
import type { Source } from '../readers/source.js';

export function mapEvidenceToOrigins(findings: Finding[], source: Source | undefined, docPath: string): void {
  if (source?.kind !== 'text' || !source.origins) return;
  for (const f of findings) {
    for (const e of f.evidence) {
      if (e.line === undefined || e.page !== undefined || (e.path !== undefined && e.path !== docPath)) continue;
      const origin = source.origins[e.line - 1];
      if (!origin) continue;
      e.path = origin.file;
      e.line = origin.line;
    }
  }
}
