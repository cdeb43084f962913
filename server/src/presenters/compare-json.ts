// `compare --format json`: the Comparison of engine/compare.ts as it is (shape in README,
// "dicomsec compare"), paths relative to the working directory.
import type { Comparison } from '../engine/compare.js';
import { withRelativePaths } from './compare-text.js';
import type { CompareOptions } from './compare-formats.js';

export function formatCompareJson(c: Comparison, { cwd = process.cwd() }: CompareOptions): string {
  return `${JSON.stringify(withRelativePaths(c, cwd), null, 2)}\n`;
}
