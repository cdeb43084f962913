// Whether two documents of a review describe the same product (documents/product-identity.ts
// compares what their kinds say of it), and why not when they do not. Documents side by side in
// one folder that are not checked against each other get a notice naming the reason, so
// cross-document checks are never skipped silently.
import path from 'node:path';
import type { ReviewNotice } from './report.js';
import type { ConformanceStatement } from '../documents/conformance/model.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import { kindOf, type DocumentModel, type KindId } from '../documents/kinds.js';
import { identityDecision, type PairingDecision } from '../documents/product-identity.js';

export { identityDecision, nameTokens, normaliseName, type PairingDecision } from '../documents/product-identity.js';

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

/** The kinds one product's documents are compared across, anchor kind first (cross-subjects.ts relates them). */
export const RELATED_KINDS: readonly [KindId, KindId][] = [
  ['mds2', 'conformance-statement'],
  ['mds2', 'sbom'],
  ['mds2', 'advisory'],
  ['sbom', 'advisory'],
];

/**
 * Notices for documents of the same folder that were not related, with the reason: a form and a
 * statement, SBOM or advisory; an SBOM and an advisory. `isPaired(anchor, kind)` says whether
 * the anchor is compared with some document of that kind already (it then gets no notice).
 */
export function unpairedNotices(documents: Candidate[], isPaired: (anchorPath: string, kind: KindId) => boolean): PairingNotice[] {
  const notices: PairingNotice[] = [];
  const reviewed = documents.filter((d): d is Candidate & { model: DocumentModel } => d.status === 'reviewed' && d.model !== undefined);
  for (const [anchorKind, kind] of RELATED_KINDS) {
    const others = reviewed.filter((d) => d.model.kind === kind);
    for (const anchor of others.length ? reviewed.filter((d) => d.model.kind === anchorKind) : []) {
      const beside = others.filter((o) => path.dirname(anchor.path) === path.dirname(o.path));
      // Only documents side by side get a notice; whether the anchor is paired is asked only then.
      if (!beside.length || isPaired(anchor.path, kind)) continue;
      for (const other of beside) {
        const decision = documentsDecision(anchor.model, other.model);
        // The same product, its partner already taken by another export of the anchor: nothing to say.
        if (decision.paired) continue;
        notices.push({
          kind: 'unpaired',
          documents: [anchor.path, other.path],
          ...(anchorKind === 'mds2' && kind === 'conformance-statement' ? { mds2: anchor.path, conformance: other.path } : {}),
          message: `not checked against each other: ${decision.reason}. Pair them in .dicomsec.yaml (pairs:) if they describe the same product.`,
        });
      }
    }
  }
  return notices;
}
