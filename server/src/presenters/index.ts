// One formatter per output format; the CLI and the language server's export share this table.
import type { ReviewReport } from '../core/report.js';
import type { Catalog } from '../rules/catalog.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import { formatHtml } from './html.js';
import { formatQuestionnaire } from './questionnaire.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'html', 'questionnaire'] as const;
export type Format = (typeof FORMATS)[number];

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
