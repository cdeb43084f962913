// The DICOM Conformance Statement as a document kind: what rules, the review view and reports
// need of it.
import type { Evidence } from '../../core/findings.js';
import type { DocumentKindEntry } from '../kinds.js';
import type { ConformanceStatement } from './model.js';
import { parseConformance } from './parse.js';
import { rfpSignals } from '../rfp/recognise.js';

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as a UTC timestamp at the start of that period. */
export function isoToTimestamp(iso: string | null | undefined): Date | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso ?? '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The evidence a statement records for a fact; empty when it recorded none. */
export function factEvidence(cs: ConformanceStatement, fact: string, path?: string): Evidence[] {
  const items = cs.evidence[fact] ?? [];
  return items.slice(0, 5).map((e) => ({ ...e, path: e.path ?? path }));
}

/** Where to point when a statement is silent and has no better place: its security section or its start. */
export function fallbackCsEvidence(cs: ConformanceStatement, path?: string): Evidence {
  const security = cs.evidence['securitySection']?.[0];
  if (security) return { ...security, path };
  const first = cs.sections[0];
  return { path, section: first?.title ?? 'document', line: first?.location.line ?? 1, page: first?.location.page };
}

export const conformanceKind: DocumentKindEntry<ConformanceStatement> = {
  id: 'conformance-statement',
  // An RFP draft asks for conformance statements, TLS and AE titles: it is never one.
  recognise: (source) => (source.kind === 'text' && !rfpSignals(source).isRfp ? parseConformance(source) : null),
  celVariables: ['cs'],
  variables(cs) {
    const { evidence: _e, sections: _s, ...facts } = cs;
    // Rules compare the statement's date with `now` as CEL timestamps: now - cs.dateTimestamp > duration("26298h").
    return { cs: { ...facts, dateTimestamp: isoToTimestamp(facts.dateIso) } };
  },
  citation: 'fact',
  cite: factEvidence,
  fallbackEvidence: fallbackCsEvidence,
  startEvidence: (_cs, path) => ({ path, section: 'document start', line: 1 }),
  identity: (cs) => ({ label: 'statement', manufacturer: cs.manufacturer, names: cs.product ? [cs.product] : [], version: cs.version }),
  title: (cs) => [cs.manufacturer, cs.product, cs.version].filter((s): s is string => !!s),
  view: {
    title: () => 'DICOM Conformance Statement',
    facts: (cs) => [
      ['Product', cs.product],
      ['Version', cs.version],
      ['Manufacturer', cs.manufacturer],
      ['Date', cs.date],
    ],
    sections: (cs) => cs.sections.map((s) => ({ title: s.title, location: s.location })),
  },
};
