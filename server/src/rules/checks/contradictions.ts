import type { Finding } from '../../core/findings.js';
import type { Mds2Form } from '../../documents/mds2/model.js';
import { answerEvidence } from '../context.js';
import { findingFor } from '../finding.js';
import type { CatalogRule } from '../rule.js';
import { governingQuestions } from './skip-logic.js';

/**
 * A Yes under a question whose answer rules it out: a parent answered No with a sub-question
 * answered Yes, or a declared dependency (SBOM-1 No, SBOM-2 Yes). The parent is cited first,
 * since that is the claim the vendor must reconcile.
 */
export function contradictions(rule: CatalogRule, form: Mds2Form, path?: string): Finding[] {
  const findings: Finding[] = [];
  for (const id of form.order) {
    if (form.answers[id]?.value !== 'yes') continue;
    for (const { id: g, skipWhen } of governingQuestions(id)) {
      const governing = form.answers[g];
      if (governing?.value !== skipWhen) continue;
      findings.push(
        findingFor(
          rule,
          [answerEvidence(form, g, path), answerEvidence(form, id, path)],
          `${g} is answered ${skipWhen === 'no' ? 'No' : 'Yes'}, yet ${id}, which depends on it, is answered Yes. ${rule.message}`,
        ),
      );
    }
  }
  return findings;
}
