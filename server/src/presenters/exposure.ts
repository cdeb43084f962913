// The formats of `dicomsec exposure` (and the editor's "Show Network Exposure"), one table as for
// the review presenters (index.ts): the CLI's --format, its help and the editor read it.
import type { ExposurePlan } from '../engine/exposure-model.js';
import { exposureCsv } from './exposure-csv.js';
import { exposureHtml } from './exposure-html.js';
import { exposureJson } from './exposure-json.js';
import { exposureMarkdown } from './exposure-markdown.js';
import { exposureMud } from './exposure-mud.js';
import { exposureNftables } from './exposure-nftables.js';

export interface ExposurePresentOptions {
  /** Paths are shown relative to this folder. */
  cwd?: string;
  /** ISO time stamp for formats that carry one (MUD last-update); now when absent. */
  generatedAt?: string;
}

/** In help order; the first is the default. */
export const EXPOSURE_FORMATS = {
  md: { label: 'Markdown table per product, with evidence', extension: 'md', present: exposureMarkdown },
  html: { label: 'HTML page (self-contained)', extension: 'html', present: exposureHtml },
  json: { label: 'JSON (the exposure plan, version 1)', extension: 'json', present: exposureJson },
  csv: { label: 'CSV draft allow-list, one row per flow', extension: 'csv', present: exposureCsv },
  nftables: { label: 'nftables draft rule set (variables, unknowns as comments)', extension: 'nft', present: exposureNftables },
  mud: { label: 'MUD file (RFC 8520) of one product', extension: 'json', present: exposureMud },
} as const satisfies Record<string, { label: string; extension: string; present: (plan: ExposurePlan, options: ExposurePresentOptions) => string }>;

export type ExposureFormat = keyof typeof EXPOSURE_FORMATS;
export const EXPOSURE_FORMAT_NAMES = Object.keys(EXPOSURE_FORMATS) as ExposureFormat[];

export function isExposureFormat(name: string): name is ExposureFormat {
  return Object.hasOwn(EXPOSURE_FORMATS, name);
}

export function presentExposure(format: ExposureFormat, plan: ExposurePlan, options: ExposurePresentOptions = {}): string {
  return EXPOSURE_FORMATS[format].present(plan, options);
}
