// Words the scorecard report's two formats (report-html.ts, report-md.ts) share, so they read the same.
import type { Finding, Severity } from '../core/findings.js';
import { SEVERITIES } from '../core/findings.js';
import { kindOf } from '../documents/kinds.js';
import type { DocumentReview } from '../engine/report.js';
import type { ProductScore } from '../engine/scorecard.js';

export const SEVERITY_HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Information' };

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** 'Maker — Product 4.2', from what the documents say; never a file name. */
export function productHeading(p: ProductScore): string {
  const name = p.product ? `${p.product}${p.version && !p.product.includes(p.version) ? ` ${p.version}` : ''}` : 'Product not named in its documents';
  return p.manufacturer ? `${p.manufacturer} — ${name}` : name;
}

const KIND_NAMES: Record<string, string> = { mds2: 'an MDS2 form', 'conformance-statement': 'a conformance statement', sbom: 'an SBOM', advisory: 'an advisory' };
const kindName = (kind: string) => KIND_NAMES[kind] ?? kind;

/** Where rules could not be assessed for want of a document, in one phrase: '4 rules for an SBOM, 9 rules comparing an MDS2 form with an SBOM'. */
export function notAssessedText(p: ProductScore): string {
  // A missing: rule needs its anchor alone: it is counted with that kind's own rules.
  const byPhrase = new Map<string, number>();
  for (const n of p.notAssessed) {
    const phrase = n.kinds.length > 1 ? `comparing ${n.kinds.map(kindName).join(' with ')}` : `for ${n.kinds.map(kindName).join(', ')}`;
    byPhrase.set(phrase, (byPhrase.get(phrase) ?? 0) + n.rules);
  }
  return [...byPhrase].map(([phrase, rules]) => `${plural(rules, 'rule')} ${phrase}`).join(', ');
}

/** The section listing reviewed documents of no product, and why each is not scored. */
export const OTHERS_INTRO = 'Reviewed documents that belong to no product here: listed with their findings, not scored.';

export function whyNotScored(d: DocumentReview): string {
  if (d.model && kindOf(d.model).reviewerOwned) return "the reviewer's own document, not a vendor's disclosure";
  if (d.kind === 'sbom' || d.kind === 'advisory') return "related to no product's MDS2 form or conformance statement";
  return "not a product's disclosure";
}

/** 'M3 · Milestone 3: Protect your network', or the id alone when no pack gives the row a title. */
export function rowLabel(row: { id: string; title: string }): string {
  return row.title && row.title !== row.id ? `${row.id} · ${row.title}` : row.id;
}

/** '3 errors, 9 warnings: RFP-SBOM-001, RFP-VULN-001, …' for a document listed but not scored. */
export function findingsSummary(findings: Finding[]): string {
  if (!findings.length) return 'no findings';
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
  return `${counts.map(([s, n]) => plural(n, s, s === 'info' ? 'info' : undefined)).join(', ')}: ${ids.join(', ')}`;
}
