// Whether an MDS2 form and a conformance statement describe the same product, and why not when
// they do not. Names are compared normalised (case, punctuation, ™/®, legal-form and document
// words stripped). A form and a statement side by side in one folder that are not paired get a
// notice naming the reason, so cross-document checks are never skipped silently.
import path from 'node:path';
import type { ReviewNotice } from './report.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { Mds2Form } from '../documents/mds2/model.js';

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
 * shorter name is in the other).
 */
export function pairingDecision(form: Mds2Form, cs: ConformanceStatement): PairingDecision {
  const makerA = nameTokens(form.manufacturer);
  const makerB = nameTokens(cs.manufacturer);
  const productA = nameTokens(`${form.model ?? ''} ${form.deviceDescription ?? ''}`);
  const modelOnly = nameTokens(form.model);
  const productB = nameTokens(cs.product);
  const formProduct = form.model ?? form.deviceDescription;
  if (productB.size === 0) return { paired: false, reason: `the statement names no product (the form's is ${quote(formProduct)})` };
  if (productA.size === 0) return { paired: false, reason: `the form names no product (DOC-2/DOC-3; the statement's is ${quote(cs.product)})` };
  const productShared = shared(productA, productB);
  if (makerA.size && makerB.size) {
    if (!shared(makerA, makerB).length) return { paired: false, reason: `the manufacturers differ (form ${quote(form.manufacturer)}, statement ${quote(cs.manufacturer)})` };
    if (!productShared.length) return { paired: false, reason: `the product names share no word (form ${quote(formProduct)}, statement ${quote(cs.product)})` };
    return { paired: true, reason: `same manufacturer and product (${productShared.join(', ')})` };
  }
  // One side names no manufacturer: the product name must carry the match by itself.
  const shorter = [modelOnly.size ? modelOnly : productA, productB].sort((a, b) => a.size - b.size)[0]!;
  const longer = shorter === productB ? productA : productB;
  const all = [...shorter].every((t) => longer.has(t));
  const missing = !makerA.size ? 'the form names no manufacturer' : 'the statement names no manufacturer';
  if (all && shorter.size > 0) return { paired: true, reason: `${missing}, but the product names match (${[...shorter].join(' ')})` };
  return { paired: false, reason: `${missing}, and the product names do not match (form ${quote(formProduct)}, statement ${quote(cs.product)})` };
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
