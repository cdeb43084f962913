// Reviewed documents for exposure tests: the samples (and temporary files) reviewed in-process, as
// the CLI's run hands them to the plan.
import path from 'node:path';
import { reviewPaths, type FileReview } from '../../server/src/engine/review.js';
import { buildExposurePlan } from '../../server/src/engine/exposure.js';
import type { ExposureFlow, ExposurePlan, ProductExposure } from '../../server/src/engine/exposure-model.js';
import type { Mds2Form } from '../../server/src/documents/mds2/model.js';
import { repoRoot } from '../helpers/paths.js';

export const sample = (name: string) => path.join(repoRoot, 'samples', name);
export const NW_CS = sample('northwind-imaging-nw-scope-200-conformance.md');
export const NW_CS_PDF = sample('northwind-imaging-nw-scope-200-conformance.pdf');
export const NW_MDS2 = sample('northwind-imaging-nw-scope-200-mds2.csv');
export const CT_CS = sample('contoso-medical-clarity-pacs-conformance.md');
export const CT_MDS2 = sample('contoso-medical-clarity-pacs-mds2.xlsx');

export async function reviewed(files: string[]): Promise<FileReview[]> {
  const report = await reviewPaths(files, { cwd: repoRoot, config: { root: repoRoot, none: true } });
  return report.documents;
}

export async function planOf(files: string[]): Promise<ExposurePlan> {
  return buildExposurePlan(await reviewed(files), { cwd: repoRoot, config: { root: repoRoot, none: true } });
}

/** A form as a reviewed document, beside reviewed files. */
export function formReview(form: Mds2Form, file = '/v/form.xlsx'): FileReview {
  return { path: file, kind: 'mds2', status: 'reviewed', model: form, findings: [], waived: [] };
}

export const flow = (p: ProductExposure, service: string, port: number | null, direction?: string): ExposureFlow | undefined =>
  p.flows.find((f) => f.service === service && f.port === port && (direction === undefined || f.direction === direction));

/** The rows as compact tuples: [direction, service, port, transport, tls]. */
export const rows = (p: ProductExposure) => p.flows.map((f) => [f.direction, f.service, f.port, f.transport, f.tls]);
