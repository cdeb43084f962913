// The one signature every output format shares: a report in, the text (or bytes) to print or save out.
import type { FailOnFor } from '../core/findings.js';
import type { ReviewReport } from '../engine/report.js';
import type { Catalog } from '../rules/catalog.js';

export interface PresentOptions {
  /** The rules the report was made with: titles, help, vendor questions. */
  catalog: Catalog;
  /** ANSI colour (stylish on a terminal only). */
  color?: boolean;
  /** Paths are shown relative to this folder (the working directory). */
  cwd?: string;
  /** Show every path absolute instead (--absolute-paths). */
  absolutePaths?: boolean;
  /** SARIF: the folder artifact URIs are relative to, under %SRCROOT% (default: cwd). */
  sarifRoot?: string;
  /** The --fail-on threshold (JUnit: findings below it are passing test cases); absent: every finding fails. */
  failOn?: FailOnFor;
  /** Stylish: the columns a line may take (the terminal's width; 80 when unknown). */
  width?: number;
  /** Stylish: the vendor question and remediation under each finding (--verbose). */
  verbose?: boolean;
  /** ISO time stamp written into reports that carry one (html); now when absent. */
  generatedAt?: string;
}

/** Text for text formats; bytes for binary ones (an .xlsx workbook, a .docx draft). */
export type PresentedOutput = string | Uint8Array;

export type Present = (report: ReviewReport, options: PresentOptions) => PresentedOutput;

export interface Presenter {
  /** One line, for `--help` and the editor's export menu. */
  label: string;
  /** The file extension the output is saved with, without the dot. */
  extension: string;
  present: Present;
}
