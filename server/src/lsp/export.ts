// Report export for the editor: the CLI's presenters table, called from the worker (an export job).
import type { ReviewReport } from '../engine/report.js';
import { FORMATS, isFormat, PRESENTERS } from '../presenters/index.js';
import type { Catalog } from '../rules/catalog.js';
import type { ExportedReport } from '../engine/jobs.js';

export type { ExportedReport } from '../engine/jobs.js';

/** Formats the editor offers, in menu order: exactly the CLI's. */
export const EXPORT_FORMATS = FORMATS.map((format) => ({ format, label: PRESENTERS[format].label, extension: PRESENTERS[format].extension }));

export function formatReport(report: ReviewReport, format: string, catalog: Catalog, cwd?: string): ExportedReport {
  if (!isFormat(format)) throw new Error(`unknown export format "${format}" (available: ${FORMATS.join(', ')})`);
  const presenter = PRESENTERS[format];
  const s = report.summary;
  const output = presenter.present(report, { catalog, cwd, color: false });
  // Bytes (a workbook) cross the worker, the server and JSON-RPC to the client as base64.
  const body = typeof output === 'string' ? { text: output } : { text: Buffer.from(output).toString('base64'), encoding: 'base64' as const };
  return {
    format,
    ...body,
    extension: presenter.extension,
    summary: { documents: s.documents, error: s.findings.error, warning: s.findings.warning, info: s.findings.info, waived: s.waived },
  };
}
