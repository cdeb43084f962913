// Report export for the editor: the CLI's presenters table, called from the review worker.
import type { ReviewReport } from '../core/report.js';
import { formatReport as present, FORMATS, type Format } from '../presenters/index.js';
import type { Catalog } from '../rules/catalog.js';
import type { ExportFormat } from './protocol.js';

export interface ExportedReport {
  format: ExportFormat;
  text: string;
  extension: string;
  summary: { documents: number; error: number; warning: number; info: number; waived: number };
}

const EXTENSIONS: Record<Format, string> = { stylish: 'txt', json: 'json', sarif: 'sarif', junit: 'xml' };
const LABELS: Record<Format, string> = {
  stylish: 'Text report (stylish)',
  json: 'JSON (dicomsec report, version 1)',
  sarif: 'SARIF 2.1.0 (code scanning)',
  junit: 'JUnit XML (CI test reports)',
};

/** Formats the editor offers, in menu order: exactly the CLI's. */
export const EXPORT_FORMATS = FORMATS.map((format) => ({ format, label: LABELS[format], extension: EXTENSIONS[format] }));

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
    extension: EXTENSIONS[f],
    summary: { documents: s.documents, error: s.findings.error, warning: s.findings.warning, info: s.findings.info, waived: s.waived },
  };
}
