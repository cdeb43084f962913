// The network exposure plan: a statement and an MDS2 form of the same product (paired as the cross
// checks pair them) read together, one product per table; a document alone makes its own table.
// Rows from both documents that name the same port merge, keeping both evidences; where they say
// different things (TLS on a port, remote service offered or not) the row or the product carries a
// conflict naming both. Runs as a job of the worker pool (no vendor text is read on a main thread).
import path from 'node:path';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import { UsageError } from '../core/errors.js';
import { formExposure, type FormExposure } from './exposure-mds2.js';
import type { ExposureConflict, ExposureFlow, ExposurePlan, ProductExposure } from './exposure-model.js';
import { statementExposure } from './exposure-statement.js';
import type { CrossDocument } from './jobs.js';
import { isPackedModel, packedOf, unpackModel } from './lazy-model.js';
import { pairingDecision } from './pairing.js';
import { groupProducts, type FormReview, type StatementReview } from './products.js';
import type { ReviewReport } from './report.js';
import type { FileReview, ReviewOptions } from './review.js';
import type { WorkerPool } from './worker-pool.js';

type Form = FormReview;
type Statement = StatementReview;

/** dicomweb is HTTPS or HTTP on the wire: one port, not two services. */
const SAME_WIRE: Record<string, string> = { dicomweb: 'https', 'dicom-tls': 'dicom' };
const wire = (service: string) => SAME_WIRE[service] ?? service;
const yesNo = (v: boolean) => (v ? 'TLS' : 'no TLS');

function mergeInto(target: ExposureFlow, other: ExposureFlow): void {
  target.evidence.push(...other.evidence);
  for (const s of other.from) if (!target.from.includes(s)) target.from.push(s);
  for (const n of other.notes) if (!target.notes.includes(n)) target.notes.push(n);
  for (const t of other.aeTitles) if (!target.aeTitles.includes(t)) target.aeTitles.push(t);
  target.transport ??= other.transport;
  target.direction ??= other.direction;
  target.peer ??= other.peer;
  if (target.tls === null) target.tls = other.tls;
  else if (other.tls !== null && other.tls !== target.tls) {
    target.conflicts.push({ field: 'tls', message: `the statement says ${yesNo(target.tls)} on this flow, the MDS2 form says ${yesNo(other.tls)}`, evidence: [target.evidence[0]!, other.evidence[0]!] });
  }
  if (target.service === 'other' && other.service !== 'other') target.service = other.service;
  else if (other.service !== 'other' && wire(other.service) !== wire(target.service)) {
    target.conflicts.push({ field: 'protocol', message: `the statement names ${target.service} on port ${target.port}, the MDS2 form ${other.service}`, evidence: [target.evidence[0]!, other.evidence[0]!] });
  }
}

/** The statement's flows with the form's merged in: same port and transport, or the same port-less service. */
function mergeFlows(statementFlows: ExposureFlow[], formFlows: ExposureFlow[]): ExposureFlow[] {
  const out = [...statementFlows];
  for (const f of formFlows) {
    const same = out.find((s) =>
      f.port !== null
        ? s.port === f.port && (s.transport === null || f.transport === null || s.transport === f.transport)
        : s.port === null && s.service === f.service,
    );
    if (same) mergeInto(same, f);
    else out.push(f);
  }
  return out;
}

/** Where the form contradicts the statement about the product as a whole, and TLS the form denies on a flow the statement calls TLS. */
function productConflicts(cs: ConformanceStatement, csRemote: boolean | null, form: FormExposure, flows: ExposureFlow[], csPath: string): ExposureConflict[] {
  const out: ExposureConflict[] = [];
  const tlsEvidence = (cs.evidence['tls.supported'] ?? []).slice(0, 1).map((e) => ({ ...e, path: csPath }));
  if (form.tlsSupported === false) {
    for (const f of flows) {
      if (f.tls === true && f.from.includes('conformance-statement') && !f.conflicts.some((c) => c.field === 'tls')) {
        f.conflicts.push({ field: 'tls', message: 'the statement says TLS on this flow, the MDS2 form says the device does not support TLS (CONN-7: No)', evidence: [f.evidence[0]!, ...form.tlsEvidence] });
      }
    }
  }
  if (form.tlsSupported === true && cs.tls.supported === false) {
    out.push({ field: 'tls', message: 'the MDS2 form says the device supports TLS (CONN-7: Yes), the statement says DICOM TLS is not supported', evidence: [...form.tlsEvidence, ...tlsEvidence] });
  }
  if (form.remoteService !== null && csRemote !== null && form.remoteService !== csRemote) {
    const remoteFlow = flows.find((f) => f.service === 'remote-service');
    out.push({
      field: 'presence',
      message: form.remoteService ? 'the MDS2 form allows remote service (RMOT-1: Yes), the statement says there is none' : 'the statement describes remote service, the MDS2 form says remote service connections are not allowed (RMOT-1: No)',
      evidence: [...form.remoteEvidence, ...(remoteFlow ? [remoteFlow.evidence[0]!] : [])],
    });
  }
  if (form.noConnectivity && cs.ports.length) {
    out.push({ field: 'presence', message: 'the MDS2 form says the device has no connectivity (CONN-1: No), the statement lists network ports', evidence: [form.noConnectivity, flows.find((f) => f.from.includes('conformance-statement'))!.evidence[0]!] });
  }
  return out;
}

const ORDER = { listens: 0, initiates: 1 } as const;
function sortFlows(flows: ExposureFlow[]): ExposureFlow[] {
  return flows.sort((a, b) => (a.direction === null ? 2 : ORDER[a.direction]) - (b.direction === null ? 2 : ORDER[b.direction]) || (a.port ?? 70000) - (b.port ?? 70000) || a.service.localeCompare(b.service));
}

function productExposure(name: string, cs: Statement | undefined, form: Form | undefined): ProductExposure {
  const csPart = cs ? statementExposure(cs.model, cs.path) : undefined;
  const formPart = form ? formExposure(form.model, form.path) : undefined;
  const flows = sortFlows(mergeFlows(csPart?.flows ?? [], formPart?.flows ?? []));
  const conflicts = cs && csPart && formPart ? productConflicts(cs.model, csPart.remoteService, formPart, flows, cs.path) : [];
  const product: ProductExposure = {
    name,
    product: cs?.model.product ?? form?.model.model ?? form?.model.deviceDescription ?? null,
    manufacturer: cs?.model.manufacturer ?? form?.model.manufacturer ?? null,
    documents: [...(cs ? [{ path: cs.path, kind: 'conformance-statement' as const }] : []), ...(form ? [{ path: form.path, kind: 'mds2' as const }] : [])],
    flows,
    internetNeeded: formPart?.internetNeeded ?? null,
    notes: [...(csPart?.notes ?? []), ...(formPart?.notes ?? [])],
    conflicts,
  };
  if (cs && form) {
    const decision = pairingDecision(form.model, cs.model);
    product.pairing = decision.paired ? decision.reason : 'paired in .dicomsec.yaml (pairs:)';
  }
  return product;
}

/**
 * The plan over reviewed documents: a table per product (engine/products.ts groups them as
 * compare and report do), reading its first statement and first form; a second export of either
 * (the statement as Markdown and PDF) is named, not read twice. Other kinds are listed as ignored.
 */
export function buildExposurePlan(documents: FileReview[], options: ReviewOptions = {}): ExposurePlan {
  const plan: ExposurePlan = { version: 1, products: [], unreadable: [], ignored: [] };
  for (const d of documents) {
    const kind = (d.model as { kind?: string } | undefined)?.kind ?? d.kind;
    if (d.status === 'unreadable') plan.unreadable.push({ path: d.path, error: d.error ?? 'unreadable' });
    else if (kind !== 'mds2' && kind !== 'conformance-statement') plan.ignored.push({ path: d.path, kind });
  }
  for (const group of groupProducts(documents, options)) {
    const [cs, ...otherStatements] = group.statements;
    const [form, ...otherForms] = group.forms;
    const product = productExposure(group.name, cs, form);
    for (const copy of [...otherStatements, ...otherForms]) {
      product.notes.push({ message: `${path.basename(copy.path)} is another copy of a document of this product; read once`, evidence: [{ path: copy.path, section: 'document start', line: 1 }] });
    }
    plan.products.push(product);
  }
  return plan;
}

/** Contradictions between the documents, over every product and flow (the CLI's exit code 1). */
export function conflictCount(plan: ExposurePlan): number {
  return plan.products.reduce((n, p) => n + p.conflicts.length + p.flows.reduce((m, f) => m + f.conflicts.length, 0), 0);
}

/** The exposure job (in a worker): the documents as the cross job receives them. */
export function exposureJob(documents: CrossDocument[], options: ReviewOptions): ExposurePlan {
  const reviews: FileReview[] = documents.map((d) => {
    const model = isPackedModel(d.model) ? unpackModel(d.model) : d.model;
    return { path: d.path, kind: model.kind, status: 'reviewed', model, source: d.source, findings: [], waived: [] };
  });
  return buildExposurePlan(reviews, options);
}

/** The plan of a review's documents, computed in the pool; unreadable and other documents are listed by this side. */
export async function exposureInPool(pool: WorkerPool, report: ReviewReport, options: ReviewOptions): Promise<ExposurePlan> {
  const documents = report.documents.filter((d) => d.status === 'reviewed' && (d.model?.kind === 'mds2' || d.model?.kind === 'conformance-statement'));
  const candidates: CrossDocument[] = documents.map((d) => ({ path: d.path, model: packedOf(d.model!) ?? d.model! }));
  const plan: ExposurePlan = candidates.length ? await pool.run({ type: 'exposure', documents: candidates, options: { cwd: options.cwd, trusted: options.trusted, overrides: options.overrides, config: options.config } }) : { version: 1, products: [], unreadable: [], ignored: [] };
  for (const d of report.documents) {
    if (d.status === 'unreadable') plan.unreadable.push({ path: d.path, error: d.error ?? 'unreadable' });
    else if (!documents.includes(d)) plan.ignored.push({ path: d.path, kind: d.kind });
  }
  if (!plan.products.length && !plan.unreadable.length) throw new UsageError('no MDS2 form or conformance statement among the inputs: nothing to plan');
  return plan;
}
