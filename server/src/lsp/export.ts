// Report export for the editor: the CLI's presenters table, called from the worker (an export job).
import type { ReviewReport } from '../engine/report.js';
import { formatReport as present, FORMAT_INFO, FORMATS, type Format } from '../presenters/index.js';
import type { Catalog } from '../rules/catalog.js';
import type { ExportedReport } from '../engine/jobs.js';

export type { ExportedReport } from '../engine/jobs.js';

/** Formats the editor offers, in menu order: exactly the CLI's. */
export const EXPORT_FORMATS = FORMATS.map((format) => ({ format, label: FORMAT_INFO[format].label, extension: FORMAT_INFO[format].extension }));

export function formatReport(report: ReviewReport, format: string, catalog: Catalog, cwd?: string): ExportedReport {
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new Error(`unknown export format "${format}" (available: ${FORMATS.join(', ')})`);
  }
  const f = format as Format;
  const text = present(f, report, { catalog, cwd, color: false });
  const s = report.summary;
  return {
    format: f,
    text,
    extension: FORMAT_INFO[f].extension,
    summary: { documents: s.documents, error: s.findings.error, warning: s.findings.warning, info: s.findings.info, waived: s.waived },
  };
}
