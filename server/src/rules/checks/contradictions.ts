import type { Finding } from '../../core/findings.js';
import type { Mds2Form } from '../../documents/mds2/model.js';
import { answerEvidence } from '../../documents/mds2/kind.js';
import { findingFor } from '../finding.js';
import type { CatalogRule } from '../rule.js';
import { governingQuestions } from './skip-logic.js';

/**
 * A Yes under a question whose answer rules it out: a parent answered No with a sub-question
 * answered Yes, or a declared dependency (SBOM-1 No, SBOM-2 Yes). One finding per governing
 * answer, cited first since that is the claim the vendor must reconcile, then every Yes it
 * contradicts.
 */
export function contradictions(rule: CatalogRule, form: Mds2Form, path?: string): Finding[] {
  const byGoverning = new Map<string, { skipWhen: 'yes' | 'no'; dependents: string[] }>();
  for (const id of form.order) {
    if (form.answers[id]?.value !== 'yes') continue;
    for (const { id: g, skipWhen, exclusive } of governingQuestions(id)) {
      if (!exclusive || form.answers[g]?.value !== skipWhen) continue;
      const entry = byGoverning.get(g) ?? { skipWhen, dependents: [] };
      entry.dependents.push(id);
      byGoverning.set(g, entry);
    }
  }
  const findings: Finding[] = [];
  for (const [g, { skipWhen, dependents }] of byGoverning) {
    const list = dependents.length > 3 ? `${dependents.slice(0, 3).join(', ')} and ${dependents.length - 3} more` : dependents.join(', ');
    findings.push(
      findingFor(
        rule,
        [answerEvidence(form, g, path), ...dependents.map((d) => answerEvidence(form, d, path))],
        `${g} is answered ${skipWhen === 'no' ? 'No' : 'Yes'}, yet ${list}, which depend${dependents.length === 1 ? 's' : ''} on it, ${dependents.length === 1 ? 'is' : 'are'} answered Yes. ${rule.message}`,
      ),
    );
  }
  return findings;
}
