// Whether an MDS2 form and a conformance statement describe the same product, and why not when
// they do not. Names are compared normalised (case, punctuation, ™/®, legal-form and document
// words stripped). A form and a statement side by side in one folder that are not paired get a
// notice naming the reason, so cross-document checks are never skipped silently.
import path from 'node:path';
import type { ReviewNotice } from './report.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import { kindOf, type DocumentModel, type ProductIdentity } from '../documents/kinds.js';

/** Words that say nothing about which product or company a name is. */
const STOP_WORDS = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'ltd', 'limited', 'gmbh', 'ag', 'se', 'llc', 'plc', 'bv', 'nv', 'sa', 'sas', 'spa', 'srl', 'oy', 'ab', 'kg', 'co', 'company',
  'the', 'of', 'and', 'for', 'by', 'medical', 'systems', 'system', 'healthcare', 'health', 'solutions', 'technologies', 'group', 'international',
  'dicom', 'conformance', 'statement', 'version', 'release', 'software', 'product', 'mds2', 'manufacturer', 'disclosure', 'form',
]);

/** Lower case, without ™ ® ©, accents or punctuation. */
export function normaliseName(text: string | null | undefined): string {
  return (text ?? '')
    .replace(/[™®©]|\((?:tm|r|c)\)/gi, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function nameTokens(text: string | null | undefined): Set<string> {
  return new Set(
    normaliseName(text)
      .split(' ')
      .filter((t) => t.length > 1 && !STOP_WORDS.has(t) && !/^v?\d+[a-z]?$/.test(t)),
  );
}

function shared(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((t) => b.has(t));
}

export interface PairingDecision {
  paired: boolean;
  /** One line: what matched, or why the documents are not taken to describe the same product. */
  reason: string;
}

const quote = (s: string | null | undefined) => (s ? `"${s}"` : 'none');

/**
 * Same product: the manufacturers share a word and the product names share one; or, when one side
 * names no manufacturer, the product names match on their own (every distinctive word of the
 * shorter name is in the other). Any two kinds with an identity are compared the same way.
 */
export function identityDecision(a: ProductIdentity, b: ProductIdentity): PairingDecision {
  const makerA = nameTokens(a.manufacturer);
  const makerB = nameTokens(b.manufacturer);
  const productA = nameTokens([...a.names, a.context ?? ''].join(' '));
  const productB = nameTokens(b.names.join(' '));
  const shownA = a.names[0] ?? a.context;
  const shownB = b.names[0] ?? b.context;
  if (productB.size === 0) return { paired: false, reason: `the ${b.label} names no product (${b.productFields ? `${b.productFields}; ` : ''}the ${a.label}'s is ${quote(shownA)})` };
  if (productA.size === 0) return { paired: false, reason: `the ${a.label} names no product (${a.productFields ? `${a.productFields}; ` : ''}the ${b.label}'s is ${quote(shownB)})` };
  if (makerA.size && makerB.size) {
    const productShared = shared(productA, productB);
    if (!shared(makerA, makerB).length) return { paired: false, reason: `the manufacturers differ (${a.label} ${quote(a.manufacturer)}, ${b.label} ${quote(b.manufacturer)})` };
    if (!productShared.length) return { paired: false, reason: `the product names share no word (${a.label} ${quote(shownA)}, ${b.label} ${quote(shownB)})` };
    return { paired: true, reason: `same manufacturer and product (${productShared.join(', ')})` };
  }
  // One side names no manufacturer: a product name must carry the match by itself.
  const missing = !makerA.size ? `the ${a.label} names no manufacturer` : `the ${b.label} names no manufacturer`;
  const namesA = a.names.map(nameTokens).filter((t) => t.size);
  const namesB = b.names.map(nameTokens).filter((t) => t.size);
  for (const ta of namesA.length ? namesA : [productA]) {
    for (const tb of namesB) {
      const [shorter, longer] = ta.size <= tb.size ? [ta, productB] : [tb, productA];
      if ([...shorter].every((t) => longer.has(t))) return { paired: true, reason: `${missing}, but the product names match (${[...shorter].join(' ')})` };
    }
  }
  return { paired: false, reason: `${missing}, and the product names do not match (${a.label} ${quote(shownA)}, ${b.label} ${quote(shownB)})` };
}

/** Whether two documents describe the same product; kinds without an identity never pair. */
export function documentsDecision(a: DocumentModel, b: DocumentModel): PairingDecision {
  const [ia, ib] = [kindOf(a).identity?.(a), kindOf(b).identity?.(b)];
  if (!ia || !ib) return { paired: false, reason: `a ${a.kind} and a ${b.kind} are never paired` };
  return identityDecision(ia, ib);
}

/** An MDS2 form and a conformance statement (the pair most rules compare). */
export function pairingDecision(form: Mds2Form, cs: ConformanceStatement): PairingDecision {
  return documentsDecision(form, cs);
}

export type PairingNotice = ReviewNotice;

interface Candidate {
  path: string;
  status: string;
  model?: { kind: string };
}

/**
 * Notices for each form and statement of the same folder that were not paired, with the reason.
 * `paired` holds the paths already in a pair (explicit or matched); a paired form gets no notice.
 */
export function unpairedNotices(documents: Candidate[], paired: Set<string>): PairingNotice[] {
  const notices: PairingNotice[] = [];
  const reviewed = documents.filter((d) => d.status === 'reviewed');
  const forms = reviewed.filter((d) => d.model?.kind === 'mds2' && !paired.has(d.path));
  const statements = reviewed.filter((d) => d.model?.kind === 'conformance-statement');
  for (const form of forms) {
    for (const cs of statements) {
      if (path.dirname(form.path) !== path.dirname(cs.path)) continue;
      const decision = pairingDecision(form.model as Mds2Form, cs.model as ConformanceStatement);
      // The same product, its statement already paired with another export of the form: nothing to say.
      if (decision.paired) continue;
      notices.push({
        kind: 'unpaired',
        mds2: form.path,
        conformance: cs.path,
        message: `not checked against each other: ${decision.reason}. Pair them in .dicomsec.yaml (pairs:) if they describe the same product.`,
      });
    }
  }
  return notices;
}
