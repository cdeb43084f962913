// `dicomsec exposure --format json`: the plan as data (engine/exposure-model.ts), paths relative to the working directory.
import type { ExposurePlan } from '../engine/exposure-model.js';
import type { ExposurePresentOptions } from './exposure.js';
import { relativePath } from './location.js';

export function exposureJson(plan: ExposurePlan, { cwd }: ExposurePresentOptions): string {
  const rel = (p: string | undefined) => (p === undefined ? undefined : relativePath(p, cwd));
  return `${JSON.stringify(plan, (key, value) => (key === 'path' && typeof value === 'string' ? rel(value) : value), 2)}\n`;
}
