// One formatter per output format; the CLI and the language server's export share this table.
import type { ReviewReport } from '../engine/report.js';
import type { Catalog } from '../rules/catalog.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import { formatHtml } from './html.js';
import { formatQuestionnaire } from './questionnaire.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'html', 'questionnaire'] as const;
export type Format = (typeof FORMATS)[number];

/** What each format is and the file extension it is saved with (CLI help, editor export menu). */
export const FORMAT_INFO: Record<Format, { label: string; extension: string }> = {
  stylish: { label: 'Text report (stylish)', extension: 'txt' },
  json: { label: 'JSON (dicomsec report, version 1)', extension: 'json' },
  sarif: { label: 'SARIF 2.1.0 (code scanning)', extension: 'sarif' },
  junit: { label: 'JUnit XML (CI test reports)', extension: 'xml' },
  html: { label: 'HTML report (self-contained)', extension: 'html' },
  questionnaire: { label: 'Vendor follow-up questionnaire (Markdown)', extension: 'md' },
};

export interface FormatOptions {
  catalog: Catalog;
  color?: boolean;
  cwd?: string;
}

export function formatReport(format: Format, report: ReviewReport, options: FormatOptions): string {
  switch (format) {
    case 'stylish':
      return formatStylish(report, { color: options.color ?? false, cwd: options.cwd });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options.catalog, options.cwd);
    case 'junit':
      return formatJunit(report, options.cwd);
    case 'html':
      return formatHtml(report, options.catalog);
    case 'questionnaire':
      return formatQuestionnaire(report, options.catalog);
  }
}
