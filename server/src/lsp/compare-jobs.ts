// The editor's "Compare Products…" and "Diff Against Previous Revision…", as the worker runs them
// (compare and diff jobs): the same review, model and presenters as `dicomsec compare` and
// `dicomsec diff`, so the editor and the CLI say the same.
import { UsageError } from '../core/errors.js';
import { compareProducts } from '../engine/compare.js';
import { diffRevisions } from '../engine/diff.js';
import type { ComparedOutput, DiffOutput } from '../engine/jobs.js';
import { catalogFor, reviewPaths, type ReviewOptions } from '../engine/review.js';
import { COMPARE_FORMATS, presentComparison, type CompareFormat } from '../presenters/compare-formats.js';
import { DIFF_FORMATS, type DiffFormat } from '../presenters/diff-formats.js';

/** Formats the editor can show: text it opens in a webview (html) or an editor (md). */
export const EDITOR_COMPARE_FORMATS: readonly CompareFormat[] = ['html', 'md'];

export async function compareForEditor(inputs: string[], format: string, options: ReviewOptions): Promise<ComparedOutput> {
  if (!(EDITOR_COMPARE_FORMATS as readonly string[]).includes(format)) throw new UsageError(`the editor shows a comparison as ${EDITOR_COMPARE_FORMATS.join(' or ')}, not "${format}"`);
  const report = await reviewPaths(inputs, options);
  const catalog = catalogFor(inputs[0] ?? options.cwd ?? process.cwd(), options);
  const comparison = compareProducts(report, catalog, options);
  if (comparison.products.length < 2 && !comparison.unreadable.length) {
    throw new UsageError(`pick documents of at least two products (found ${comparison.products.length}${comparison.products.length ? `: ${comparison.products.map((p) => p.name).join(', ')}` : ''})`);
  }
  const text = (await presentComparison(format as CompareFormat, comparison, { cwd: options.cwd })) as string;
  return { format, text, extension: COMPARE_FORMATS[format as CompareFormat].extension, products: comparison.products.map((p) => p.name), unreadable: comparison.unreadable.length };
}

export async function diffForEditor(oldPath: string, newPath: string, format: string, options: ReviewOptions): Promise<DiffOutput> {
  if (!Object.hasOwn(DIFF_FORMATS, format)) throw new UsageError(`unknown diff format "${format}"`);
  const report = await reviewPaths([oldPath, newPath], options);
  const [oldDoc, newDoc] = [oldPath, newPath].map((p) => report.documents.find((d) => d.path === p));
  for (const d of [oldDoc, newDoc]) if (!d || d.status !== 'reviewed') throw new UsageError(`${d?.path ?? 'a revision'} could not be read: ${d?.error ?? 'not reviewed'}`);
  const diff = diffRevisions(oldDoc!, newDoc!);
  const presenter = DIFF_FORMATS[format as DiffFormat];
  const changed = [diff.answers, diff.notes].reduce((n, l) => n + l.changed.length + l.added.length + l.removed.length, 0) + diff.facts.changed.length;
  return {
    format,
    text: presenter.present(diff, { catalog: catalogFor(newPath, options), report, cwd: options.cwd }),
    extension: presenter.extension,
    opened: diff.findings.opened.length,
    closed: diff.findings.closed.length,
    changed,
  };
}
