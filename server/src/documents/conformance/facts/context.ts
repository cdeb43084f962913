// What every fact group reads: the statement's units and sections, the claims made in them, the
// ports found by network.ts, and one evidence book per statement keyed by fact path.
import type { Evidence } from '../../../core/findings.js';
import type { ClaimRecord } from '../claims.js';
import type { CsPort, CsSection } from '../model.js';
import { evidenceOf, sectionEvidence, type Unit } from '../units.js';

export interface FactContext {
  units: Unit[];
  /** Units that may carry claims: not headings, front matter or template text. */
  claimUnits: Unit[];
  sections: CsSection[];
  claims: ClaimRecord[];
  ports: CsPort[];
  docStart: Evidence;
  /** Evidence network.ts recorded (ports, AEs, SOP classes). */
  networkEvidence: Record<string, Evidence[]>;
  ev: EvidenceBook;
}

const MAX_ITEMS = 12;

/** Evidence per fact key: the sentences that show the fact, de-duplicated, at most a dozen. */
export class EvidenceBook {
  readonly byKey: Record<string, Evidence[]> = {};
  push(key: string, from: Unit | Evidence): void {
    const e = 'kind' in from ? evidenceOf(from) : from;
    const list = (this.byKey[key] ??= []);
    if (list.length < MAX_ITEMS && !list.some((x) => x.line === e.line && x.page === e.page && x.quote === e.quote)) list.push(e);
  }
  pushClaims(key: string, claims: ClaimRecord[]): void {
    for (const c of claims) this.push(key, c.evidence);
  }
  set(key: string, list: Evidence[]): void {
    this.byKey[key] = list;
  }
  /** Sets the key only when nothing was recorded for it. */
  fallback(key: string, list: Evidence[] | Evidence): void {
    if (!this.byKey[key]?.length) this.byKey[key] = Array.isArray(list) ? list : [list];
  }
  get(key: string): Evidence[] | undefined {
    return this.byKey[key];
  }
  first(key: string): Evidence | undefined {
    return this.byKey[key]?.[0];
  }
}

/** Where a silent statement should have spoken: the first section matching a preference, else the document start. */
export function silentAt(ctx: FactContext, ...prefer: ((s: CsSection) => boolean)[]): Evidence {
  for (const p of prefer) {
    const s = ctx.sections.find(p);
    if (s) return sectionEvidence(s);
  }
  return ctx.docStart;
}

/** Silence in a security topic: the preferred section, else the top Security section, else the document start. */
export function silentInSecurity(ctx: FactContext, prefer: (s: CsSection) => boolean): Evidence {
  const s = ctx.sections.find(prefer) ?? ctx.sections.find((x) => x.kind === 'security') ?? ctx.sections.find(isSecuritySection);
  return s ? sectionEvidence(s) : ctx.docStart;
}

export const isSecuritySection = (s: CsSection) => s.kind === 'security' || s.kind === 'security-profiles';

export const uniq = <T>(xs: T[]) => [...new Set(xs)];
