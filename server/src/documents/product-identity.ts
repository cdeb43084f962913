// Whether two documents describe the same product, from what each says of it (its kind's
// `identity`: manufacturer, product names, release). Names are compared normalised (case,
// punctuation, ™/®, legal-form and document words stripped).
import type { ProductIdentity } from './kinds.js';

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

function tokens(text: string | null | undefined): Set<string> {
  return new Set(
    normaliseName(text)
      .split(' ')
      .filter((t) => t.length > 1 && !STOP_WORDS.has(t) && !/^v?\d+[a-z]?$/.test(t)),
  );
}

/**
 * The distinctive words of a name. A remark in parentheses ("Acme Imaging (a Zeta company)",
 * "(USA)", "(fictional)") says nothing of which company or product it is, when words remain.
 */
export function nameTokens(text: string | null | undefined): Set<string> {
  const outside = tokens((text ?? '').replace(/\([^()]*\)/g, ' '));
  return outside.size ? outside : tokens(text);
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

