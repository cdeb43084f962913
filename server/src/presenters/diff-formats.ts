// The formats of `dicomsec diff`, one table: the CLI's --format, its help and the editor's "Diff
// Against Previous Revision…" read it.
import type { RevisionDiff } from '../engine/diff.js';
import type { ReviewReport } from '../engine/report.js';
import type { Catalog } from '../rules/catalog.js';
import { formatDiffJson } from './diff-json.js';
import { formatDiffMarkdown } from './diff-md.js';
import { formatDiffSarif } from './diff-sarif.js';
import { formatDiffStylish } from './diff-stylish.js';

export interface DiffOptions {
  /** The rules of the run (SARIF's rule catalogue). */
  catalog: Catalog;
  /** The review of both revisions (SARIF reads the documents' configuration and page lengths). */
  report: ReviewReport;
  /** Paths are shown relative to this folder. */
  cwd?: string;
  color?: boolean;
}

export const DIFF_FORMATS = {
  stylish: { label: 'Text (for people)', extension: 'txt', present: formatDiffStylish },
  json: { label: 'JSON (dicomsec diff, version 1)', extension: 'json', present: formatDiffJson },
  md: { label: 'Markdown', extension: 'md', present: formatDiffMarkdown },
  sarif: { label: 'SARIF 2.1.0 with baselineState (new, unchanged, updated, absent)', extension: 'sarif', present: formatDiffSarif },
} as const satisfies Record<string, { label: string; extension: string; present: (d: RevisionDiff, o: DiffOptions) => string }>;

export type DiffFormat = keyof typeof DIFF_FORMATS;
export const DIFF_FORMAT_NAMES = Object.keys(DIFF_FORMATS) as DiffFormat[];
