// The CSAF advisory as a document kind: CEL variables, evidence by JSON pointer and line, the review view.
import type { Evidence } from '../../core/findings.js';
import { jsonTreeOf } from '../../readers/json.js';
import type { DocumentKindEntry } from '../kinds.js';
import { jsonEvidence } from '../json-model.js';
import type { Advisory, AdvisoryVulnerability } from './model.js';
import { parseCsaf } from './parse.js';

const MAX_CITED = 25;

const vulnName = (v: AdvisoryVulnerability) => v.cve ?? v.title ?? 'vulnerability';

function productNames(advisory: Advisory, ids: string[]): string {
  const names = ids.slice(0, 5).map((id) => advisory.products.find((p) => p.id === id)?.name ?? id);
  return names.join(', ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');
}

/** Vulnerabilities a reviewer must act on, by fact key, with the quote that says why. */
const VULNERABILITY_FACTS: Record<string, (a: Advisory, v: AdvisoryVulnerability) => string | null> = {
  'vulnerabilities.unremediated': (a, v) => (v.unremediated.length ? `${vulnName(v)}: known affected, no fix, mitigation or workaround: ${productNames(a, v.unremediated)}` : null),
  'vulnerabilities.knownExploited': (_a, v) =>
    v.knownExploited ? `${vulnName(v)} is in the known-exploited list ${v.knownExploited.list}${v.knownExploited.dateAdded ? ` (added ${v.knownExploited.dateAdded}${v.knownExploited.dueDate ? `, due ${v.knownExploited.dueDate}` : ''})` : ''}` : null,
  'vulnerabilities.notAffectedUnjustified': (a, v) => (v.notAffectedUnjustified.length ? `${vulnName(v)}: known not affected without a justification flag or impact statement: ${productNames(a, v.notAffectedUnjustified)}` : null),
  'vulnerabilities.underInvestigation': (a, v) => (v.underInvestigation.length ? `${vulnName(v)}: under investigation: ${productNames(a, v.underInvestigation)}` : null),
};

function cite(advisory: Advisory, key: string, path?: string): Evidence[] {
  const fact = VULNERABILITY_FACTS[key];
  if (fact) {
    const out: Evidence[] = [];
    for (const v of advisory.vulnerabilities) {
      const quote = fact(advisory, v);
      if (quote) out.push(jsonEvidence(key === 'vulnerabilities.knownExploited' ? v.at : v.statusAt, quote, path));
      if (out.length >= MAX_CITED) break;
    }
    return out;
  }
  if (key === 'products') return advisory.products.slice(0, MAX_CITED).map((p) => jsonEvidence(p.at, p.name, path));
  if (key === 'title') return [jsonEvidence(advisory.titleAt, advisory.title, path)];
  return [];
}

/** The distinct product names of the product tree (branch product names first), for pairing. */
function advisoryProductNames(a: Advisory): string[] {
  return [...new Set(a.products.map((p) => p.productName ?? p.name).filter((n): n is string => !!n))];
}

export const advisoryKind: DocumentKindEntry<Advisory> = {
  id: 'advisory',
  json: true,
  recognise: (source) => (source.kind === 'text' && source.format === 'json' ? parseCsaf(jsonTreeOf(source)) : null),
  recognition: (a) => `CSAF ${a.csafVersion} advisory${a.category ? ` (${a.category})` : ''}, ${a.products.length} products, ${a.vulnerabilities.length} vulnerabilities`,
  celVariables: ['advisory'],
  variables: (a) => ({
    advisory: {
      csafVersion: a.csafVersion,
      category: a.category,
      trackingId: a.trackingId,
      title: a.title,
      publisher: a.publisher,
      vendor: a.vendor,
      product: a.product,
      released: a.released,
      products: a.products.map(({ at: _at, ...p }) => p),
      vulnerabilities: a.vulnerabilities.map((v) => ({
        cve: v.cve,
        title: v.title,
        affected: v.affected,
        notAffected: v.notAffected,
        fixed: v.fixed,
        underInvestigation: v.underInvestigation,
        unremediated: v.unremediated,
        notAffectedUnjustified: v.notAffectedUnjustified,
        remediations: v.remediations.map((r) => ({ category: r.category, productIds: r.productIds })),
        knownExploited: !!v.knownExploited,
      })),
    },
  }),
  citation: 'fact',
  cite,
  fallbackEvidence: (a, path) => jsonEvidence(a.titleAt, a.title, path),
  startEvidence: (_a, path) => ({ path, section: 'document start', line: 1 }),
  identity: (a) => ({ label: 'advisory', manufacturer: a.vendor ?? a.publisher, names: advisoryProductNames(a), version: null, productFields: 'product_tree' }),
  title: (a) => [a.publisher ?? a.vendor, a.title ?? a.trackingId].filter((s): s is string => !!s),
  view: {
    title: (a) => `CSAF ${a.csafVersion} advisory`,
    facts: (a) => [
      ['Title', a.title],
      ['Tracking ID', a.trackingId],
      ['Publisher', a.publisher],
      ['Released', a.released],
      ['Products', String(a.products.length)],
      ['Vulnerabilities', String(a.vulnerabilities.length)],
    ],
    groups: (a) => [
      { name: 'Products', items: a.products.map((p) => ({ id: p.id, text: `${p.id}  ${p.name}`, question: false, location: { line: p.at.line } })) },
      {
        name: 'Vulnerabilities',
        items: a.vulnerabilities.map((v) => ({
          id: vulnName(v),
          text: `${vulnName(v)}  affected: ${v.affected.length}, fixed: ${v.fixed.length}, not affected: ${v.notAffected.length}, under investigation: ${v.underInvestigation.length}${v.unremediated.length ? `, ${v.unremediated.length} without remediation` : ''}`,
          question: false,
          location: { line: v.at.line },
        })),
      },
    ],
  },
};
