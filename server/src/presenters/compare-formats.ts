// The formats of `dicomsec compare`, one table: the CLI's --format, its help and the editor's
// "Compare Products…" read it. Each presenter is loaded when asked for (the xlsx writer is large).
import type { Comparison } from '../engine/compare.js';
import type { PresentedOutput } from './presenter.js';

export interface CompareOptions {
  /** Paths are shown relative to this folder. */
  cwd?: string;
  /** ISO time stamp written into the html page; now when absent. */
  generatedAt?: string;
}

type PresentComparison = (c: Comparison, options: CompareOptions) => PresentedOutput;

export const COMPARE_FORMATS = {
  html: { label: 'HTML page (self-contained)', extension: 'html', load: async (): Promise<PresentComparison> => (await import('./compare-html.js')).formatCompareHtml },
  md: { label: 'Markdown tables', extension: 'md', load: async (): Promise<PresentComparison> => (await import('./compare-md.js')).formatCompareMarkdown },
  xlsx: { label: 'Excel workbook (one sheet per view)', extension: 'xlsx', load: async (): Promise<PresentComparison> => (await import('./compare-xlsx.js')).formatCompareXlsx },
  json: { label: 'JSON (dicomsec comparison, version 1)', extension: 'json', load: async (): Promise<PresentComparison> => (await import('./compare-json.js')).formatCompareJson },
} as const;

export type CompareFormat = keyof typeof COMPARE_FORMATS;
export const COMPARE_FORMAT_NAMES = Object.keys(COMPARE_FORMATS) as CompareFormat[];

export async function presentComparison(format: CompareFormat, c: Comparison, options: CompareOptions): Promise<PresentedOutput> {
  return (await COMPARE_FORMATS[format].load())(c, options);
}
