// One presenter per output format, one table of them: the CLI's --format, its help and the
// language server's export menu all read PRESENTERS.
import type { ReviewReport } from '../engine/report.js';
import type { Presenter, PresentOptions } from './presenter.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import { formatHtml } from './html.js';
import { formatQuestionnaire } from './questionnaire.js';
import { formatQuestionnaireXlsx } from './questionnaire-xlsx.js';
import { formatReportHtml } from './report-html.js';
import { formatReportMarkdown } from './report-md.js';

export type { PresentedOutput, Presenter, PresentOptions } from './presenter.js';

/** In help and menu order; the first is the CLI's default. */
export const PRESENTERS = {
  stylish: { label: 'Text report (stylish)', extension: 'txt', present: formatStylish },
  json: { label: 'JSON (dicomsec report, version 1)', extension: 'json', present: formatJson },
  sarif: { label: 'SARIF 2.1.0 (code scanning)', extension: 'sarif', present: formatSarif },
  junit: { label: 'JUnit XML (CI test reports)', extension: 'xml', present: formatJunit },
  html: { label: 'HTML report (self-contained)', extension: 'html', present: formatHtml },
  questionnaire: { label: 'Vendor follow-up questionnaire (Markdown)', extension: 'md', present: formatQuestionnaire },
  'questionnaire-xlsx': { label: 'Vendor questionnaire to fill in and read back (Excel workbook)', extension: 'xlsx', present: formatQuestionnaireXlsx },
  // The scorecard report (`dicomsec report`) is a lint format too: the editor's export menu offers
  // it, and a pipeline that lints can publish the committee's report from the same run.
  'report-html': { label: 'Scorecard report by product (HTML, prints)', extension: 'html', present: formatReportHtml },
  'report-md': { label: 'Scorecard report by product (Markdown)', extension: 'md', present: formatReportMarkdown },
} as const satisfies Record<string, Presenter>;

export type Format = keyof typeof PRESENTERS;
export const FORMATS = Object.keys(PRESENTERS) as Format[];

export function isFormat(name: string): name is Format {
  return Object.hasOwn(PRESENTERS, name);
}

/** Text for the text formats, bytes for the binary ones (the type follows the format named). */
export function formatReport<F extends Format>(format: F, report: ReviewReport, options: PresentOptions): ReturnType<(typeof PRESENTERS)[F]['present']> {
  return PRESENTERS[format].present(report, options) as ReturnType<(typeof PRESENTERS)[F]['present']>;
}
