// The cells every exposure format shows, as plain (unescaped) text: each format escapes them for
// its own medium. Unknowns read "not stated", never a guess; a protocol's registered port is a hint.
import type { Evidence } from '../core/findings.js';
import { SERVICES, serviceLabel, unknownsOf, type ExposureFlow, type ProductExposure } from '../engine/exposure-model.js';
import { describeEvidence, relativePath } from './location.js';

export const NOT_STATED = 'not stated';

export function portCell(f: ExposureFlow): string {
  if (f.port !== null) return String(f.port);
  const standard = SERVICES[f.service]?.standardPort;
  return standard ? `${NOT_STATED} (${serviceLabel(f.service)} standard: ${standard})` : NOT_STATED;
}

export const transportCell = (f: ExposureFlow): string => (f.transport ? f.transport.toUpperCase() : NOT_STATED);
export const directionCell = (f: ExposureFlow): string => f.direction ?? NOT_STATED;
export const tlsCell = (f: ExposureFlow): string => (f.tls === null ? NOT_STATED : f.tls ? 'yes' : 'no');

/** The service, with the vendor's label for it when it gives one. */
export function serviceCell(f: ExposureFlow): string {
  const label = serviceLabel(f.service);
  if (!f.name) return label;
  return f.name.toLowerCase().includes(label.toLowerCase()) ? f.name : `${label} (${f.name})`;
}

export function evidenceText(e: Evidence, cwd?: string): string {
  const where = `${relativePath(e.path, cwd)} ${describeEvidence(e)}`.trim();
  return e.quote ? `${where}: “${e.quote.length > 200 ? `${e.quote.slice(0, 199)}…` : e.quote}”` : where;
}

/** What a row leaves unknown, in words ('port, TLS'). */
export function unknownCell(f: ExposureFlow): string {
  return unknownsOf(f).map((u) => (u === 'tls' ? 'TLS' : u)).join(', ');
}

export const productTitle = (p: ProductExposure): string => p.name;

export const KIND_LABEL = { 'conformance-statement': 'conformance statement', mds2: 'MDS2 form' } as const;

export const DRAFT_WARNING = 'A draft from the vendor documents, not a tested configuration: confirm every flow with the vendor and your network team; rows marked "not stated" are what the documents leave unknown.';

export const NO_PRODUCT = 'No MDS2 form or conformance statement was read: there is nothing to plan.';
