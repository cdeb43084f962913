import type { Finding } from '../../core/findings.js';
import { mds2NetworkExposure } from '../../documents/mds2/exposure.js';
import type { Mds2Form } from '../../documents/mds2/model.js';
import { answerEvidence } from '../../documents/mds2/kind.js';
import { findingFor } from '../finding.js';
import type { CatalogRule } from '../rule.js';

// A dedicated cable excuses unencrypted transfer only when personal data never crosses a network;
// a device that is "not networked" has no connectivity of any kind.
const DEFEATS_CABLE = new Set(['CONN-4', 'CONN-6', 'MPII-3.5', 'MPII-3.6', 'MPII-3.7', 'RMOT-1']);

/**
 * A mitigation claimed in one answer (TXCF-1 "only over a dedicated cable", CONN-1 No, a note
 * saying "not networked" or "stand-alone device") that other Yes answers contradict (personal data
 * over a wired or wireless network, remote service, Internet access). One finding per claim, the
 * claim cited first, then each answer that contradicts it.
 */
export function contradictedMitigations(rule: CatalogRule, form: Mds2Form, path?: string): Finding[] {
  const exposure = mds2NetworkExposure(form);
  const findings: Finding[] = [];
  for (const claim of exposure.isolationClaims) {
    const against = exposure.networkedBy.filter((a) => a.id !== claim.id && (claim.id !== 'TXCF-1' || DEFEATS_CABLE.has(a.id)));
    if (against.length === 0) continue;
    const shown = against.slice(0, 3).map((a) => `${a.id} (${a.says})`).join(', ');
    const more = against.length > 3 ? ` and ${against.length - 3} more` : '';
    const where = claim.id === 'TXCF-1' || claim.id === 'CONN-1' ? `${claim.id} claims ${claim.claim}` : `The answer to ${claim.id} claims ${claim.claim}`;
    findings.push(
      findingFor(
        rule,
        [answerEvidence(form, claim.id, path), ...against.map((a) => answerEvidence(form, a.id, path))],
        `${where}, yet ${shown}${more} answer${against.length === 1 ? 's' : ''} Yes. ${rule.message}`,
      ),
    );
  }
  return findings;
}
