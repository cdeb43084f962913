// Which documents of a review describe the same product, and so which sets of documents each
// cross rule is evaluated on. A rule names the kinds it compares (`between:`, anchor first) and
// optionally the kind whose absence it is about (`missing:`). Documents relate when .dicomsec.yaml
// `pairs:` names them together, or by manufacturer and product name (pairing.ts).
import path from 'node:path';
import type { DocumentModel, KindId } from '../documents/kinds.js';
import type { PairEntry } from '../config/config.js';
import { crossKinds, type RuleDefinition } from '../rules/rule.js';
import { documentsDecision } from './pairing.js';
import type { FileReview, ReviewOptions } from './review.js';
import { effectiveConfig } from './settings.js';

export type Reviewed = FileReview & { model: DocumentModel };

/** The kinds cross rules relate, with their key in `pairs:` entries. */
export const PAIR_KEYS: Partial<Record<KindId, keyof PairEntry>> = { mds2: 'mds2', 'conformance-statement': 'conformance', sbom: 'sbom', advisory: 'advisory' };

/**
 * Kinds of which a product has one document to compare, even when several match (a statement
 * published as PDF and Markdown, an SBOM as JSON and XML): the first is taken, and it is taken by
 * one anchor only, so a form exported twice does not repeat every finding. Advisories are many per
 * product, one per vulnerability or release: each is compared.
 */
const ONE_PER_PRODUCT: ReadonlySet<KindId> = new Set(['conformance-statement', 'sbom']);

export const isReviewed = (d: FileReview): d is Reviewed => d.status === 'reviewed' && d.model !== undefined;

export class ProductRelations {
  private readonly byKind = new Map<KindId, Reviewed[]>();
  private readonly chosen = new Map<string, Map<string, Reviewed[]>>();

  constructor(
    documents: FileReview[],
    private readonly options: ReviewOptions = {},
  ) {
    for (const d of documents.filter(isReviewed)) {
      const kind = d.model.kind;
      if (!PAIR_KEYS[kind]) continue;
      const list = this.byKind.get(kind);
      if (list) list.push(d);
      else this.byKind.set(kind, [d]);
    }
  }

  documents(kind: KindId): Reviewed[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Every document of a kind that relates to others, in review order by kind. */
  all(): Reviewed[] {
    return [...this.byKind.values()].flat();
  }

  /** Documents of `kind` that `pairs:` in the anchor's configuration names with it. */
  private explicit(anchor: Reviewed, kind: KindId): Reviewed[] {
    const [own, other] = [PAIR_KEYS[anchor.model.kind], PAIR_KEYS[kind]];
    if (!own || !other) return [];
    const wanted = effectiveConfig(anchor.path, this.options)
      .pairs.filter((p) => p[own] !== undefined && path.resolve(p[own]) === anchor.path && p[other] !== undefined)
      .map((p) => path.resolve(p[other]!));
    return this.documents(kind).filter((d) => wanted.includes(d.path));
  }

  /**
   * Documents of the two kinds that a `pairs:` entry names together (they are taken, not matched by
   * name); an entry pairing a statement with an SBOM leaves the statement to be matched with its form.
   */
  private explicitlyPaired(anchorKind: KindId, kind: KindId): Set<string> {
    const out = new Set<string>();
    for (const anchor of this.documents(anchorKind)) for (const d of this.explicit(anchor, kind)) out.add(anchor.path).add(d.path);
    return out;
  }

  /** Every document of `kind` that describes the anchor's product (explicitly paired, else by name). */
  accompanying(anchor: Reviewed, kind: KindId): Reviewed[] {
    if (!this.documents(kind).length) return [];
    const explicit = this.explicit(anchor, kind);
    if (explicit.length) return explicit;
    return this.documents(kind).filter((d) => d.path !== anchor.path && documentsDecision(anchor.model, d.model).paired);
  }

  /**
   * The documents of `kind` the anchor is compared with: explicit pairs first; then name matches
   * that no `pairs:` entry took — for ONE_PER_PRODUCT kinds the first one not taken by an earlier
   * anchor of the same kind, for others every one.
   */
  comparedWith(anchor: Reviewed, kind: KindId): Reviewed[] {
    const key = `${anchor.model.kind}\u0000${kind}`;
    let partners = this.chosen.get(key);
    if (!partners) this.chosen.set(key, (partners = this.choose(anchor.model.kind, kind)));
    return partners.get(anchor.path) ?? [];
  }

  /** Every anchor's partners of one kind, decided at once in review order (as the CLI always has). */
  private choose(anchorKind: KindId, kind: KindId): Map<string, Reviewed[]> {
    const partners = new Map<string, Reviewed[]>();
    if (!this.documents(kind).length || !this.documents(anchorKind).length) return partners;
    const taken = new Set<string>();
    const add = (anchor: Reviewed, d: Reviewed) => {
      partners.set(anchor.path, [...(partners.get(anchor.path) ?? []), d]);
      taken.add(d.path);
    };
    const paired = this.explicitlyPaired(anchorKind, kind);
    const anchors = this.documents(anchorKind);
    for (const anchor of anchors) for (const d of this.explicit(anchor, kind)) add(anchor, d);
    for (const anchor of anchors) {
      if (paired.has(anchor.path)) continue;
      for (const d of this.documents(kind)) {
        if (d.path === anchor.path || paired.has(d.path)) continue;
        if (ONE_PER_PRODUCT.has(kind) && taken.has(d.path)) continue;
        if (!documentsDecision(anchor.model, d.model).paired) continue;
        add(anchor, d);
        if (ONE_PER_PRODUCT.has(kind)) break;
      }
    }
    return partners;
  }
}

/** One set of documents a cross rule is evaluated on: the anchor first, then one of each other kind. */
export interface CrossSubjectSet {
  documents: Reviewed[];
}

/** The document sets a cross rule is evaluated on, for one anchor document. */
export function subjectsFor(rule: Pick<RuleDefinition, 'between' | 'missing'>, anchor: Reviewed, relations: ProductRelations): CrossSubjectSet[] {
  const [anchorKind, ...others] = crossKinds(rule);
  if (anchor.model.kind !== anchorKind) return [];
  // A rule about an absent document: any document of that kind for the product counts as present.
  if (rule.missing && relations.accompanying(anchor, rule.missing).length) return [];
  let sets: Reviewed[][] = [[anchor]];
  for (const kind of others) {
    const partners = relations.comparedWith(anchor, kind);
    sets = sets.flatMap((set) => partners.map((p) => [...set, p]));
  }
  return sets.map((documents) => ({ documents }));
}
