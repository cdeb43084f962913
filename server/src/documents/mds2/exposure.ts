// Whether an MDS2 form says the device is networked, and the mitigations it claims that depend on
// the device not being networked ("personal data only over a dedicated cable", "not connected to
// any network"). A mitigation that other answers contradict must not excuse a gap.
import type { Mds2Answer, Mds2Form } from './model.js';

/** Answers whose Yes says the device is on a network, carries personal data over one, or is reachable remotely. */
export const NETWORKED_ANSWERS: { id: string; says: string }[] = [
  { id: 'CONN-3', says: 'talks to other systems on the customer network' },
  { id: 'CONN-4', says: 'talks to systems outside the customer network' },
  { id: 'CONN-5', says: 'makes or accepts API calls' },
  { id: 'CONN-6', says: 'needs an Internet connection' },
  { id: 'MPII-3.5', says: 'moves personal data over a wired network' },
  { id: 'MPII-3.6', says: 'moves personal data over wireless links' },
  { id: 'MPII-3.7', says: 'moves personal data over an external network' },
  { id: 'RMOT-1', says: 'allows remote service connections' },
  { id: 'RMOT-2', says: 'uses remote connections for predictive maintenance' },
];

/** Free text that claims the device is isolated. Matched in answers' cells and notes. */
const ISOLATION_CLAIMS: RegExp[] = [
  /\b(?:only|solely|exclusively)\s+(?:over|via|through|by|using)\s+(?:a\s+|the\s+)?(?:dedicated|point[- ]to[- ]point|direct|serial|usb)\s+(?:\w+\s+)?(?:cable|connection|link|line)s?\b/i,
  /\bpoint[- ]to[- ]point\s+(?:dedicated\s+)?(?:cable|connection|link)s?\s+only\b/i,
  /\b(?:is|are)\s+not\s+(?:network(?:ed|[- ]connected)|connected\s+to\s+(?:a|any|the)\s+(?:hospital\s+|customer\s+|external\s+)?network)\b/i,
  /\b(?:has|have|with)\s+no\s+(?:network|lan|ethernet)\s+(?:connection|connectivity|interface|port)s?\b/i,
  /\bno\s+network\s+(?:connection|connectivity|interface|access)s?\b(?!\s+(?:is\s+)?(?:required\s+)?(?:to|for)\b)/i,
  /\b(?:stand-?alone|air[- ]gapped|non[- ]networked|offline)\s+(?:device|system|unit|workstation|product|use|operation)\b/i,
  /\bnot\s+intended\s+(?:to\s+be|for\s+being)\s+(?:connected\s+to\s+(?:a|any|the)\s+network|networked)\b/i,
];
const NEGATION_BEFORE = /\b(?:not|never|no longer|isn't|aren't)\s+(?:\w+\s+){0,3}$/i;

export interface IsolationClaim {
  /** The answer that claims it (its cell or its note). */
  id: string;
  /** What it claims, for the message. */
  claim: string;
  /** The quoted text (note or cell), or the answer itself. */
  quote: string;
}

export interface Mds2Exposure {
  /** Yes answers that say the device is networked or reachable. */
  networkedBy: { id: string; says: string }[];
  /** Yes answers that say personal data crosses a network (the subset that defeats a dedicated-cable mitigation). */
  phiOverNetwork: boolean;
  /** Why the form says the device is not networked; null when it does not say so. */
  notNetworked: string | null;
  /** Mitigations that rest on the device being isolated. */
  isolationClaims: IsolationClaim[];
}

const PHI_NETWORK = new Set(['CONN-4', 'CONN-6', 'MPII-3.5', 'MPII-3.6', 'MPII-3.7', 'RMOT-1']);
const cache = new WeakMap<Mds2Form, Mds2Exposure>();

function matchIsolation(text: string): string | null {
  for (const re of ISOLATION_CLAIMS) {
    const m = re.exec(text);
    if (m && !NEGATION_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) return m[0];
  }
  return null;
}

export function mds2NetworkExposure(form: Mds2Form): Mds2Exposure {
  const hit = cache.get(form);
  if (hit) return hit;
  const yes = (id: string) => form.answers[id]?.value === 'yes';
  const no = (id: string) => form.answers[id]?.value === 'no';
  const networkedBy = NETWORKED_ANSWERS.filter((a) => yes(a.id));
  const isolationClaims: IsolationClaim[] = [];
  if (yes('TXCF-1')) isolationClaims.push({ id: 'TXCF-1', claim: 'personal data travels only over a point-to-point dedicated cable', quote: form.answers['TXCF-1']!.raw });
  if (no('CONN-1')) isolationClaims.push({ id: 'CONN-1', claim: 'the device has no connectivity of any kind', quote: form.answers['CONN-1']!.raw });
  for (const id of form.order) {
    const a: Mds2Answer | undefined = form.answers[id];
    if (!a || id === 'TXCF-1') continue;
    for (const text of [a.note, a.comment, a.value === 'text' ? a.raw : undefined]) {
      if (!text) continue;
      const m = matchIsolation(text);
      if (m) {
        isolationClaims.push({ id, claim: `"${m}"`, quote: text.length > 200 ? `${text.slice(0, 199)}…` : text });
        break;
      }
    }
  }
  let notNetworked: string | null = null;
  if (networkedBy.length === 0) {
    if (no('CONN-1')) notNetworked = 'the MDS2 form says the device has no connectivity of any kind (CONN-1: No)';
    else if (no('CONN-3') && no('CONN-4') && !yes('MPII-3.5') && !yes('MPII-3.6')) notNetworked = 'the MDS2 form says the device talks to no other system (CONN-3 and CONN-4: No)';
  }
  const out: Mds2Exposure = { networkedBy, phiOverNetwork: networkedBy.some((a) => PHI_NETWORK.has(a.id)), notNetworked, isolationClaims };
  cache.set(form, out);
  return out;
}
