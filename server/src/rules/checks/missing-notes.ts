import type { Finding } from '../../core/findings.js';
import type { Mds2Form } from '../../documents/mds2/model.js';
import { answerEvidence } from '../../documents/mds2/kind.js';
import { findingFor } from '../finding.js';
import type { CatalogRule } from '../rule.js';

/** "See Note 7" where there is no note 7, or a bare "See Note" with no note text at all. */
export function missingNotes(rule: CatalogRule, form: Mds2Form, path?: string): Finding[] {
  const findings: Finding[] = [];
  for (const id of form.order) {
    const a = form.answers[id];
    if (!a || a.note) continue;
    if (a.value === 'see-note' || a.noteRef) {
      const ref = a.noteRef ? `"${a.noteRef}"` : 'a note';
      findings.push(findingFor(rule, [answerEvidence(form, id, path)], `${id} refers to ${ref}, but the form has no such note. ${rule.message}`));
    }
  }
  return findings;
}
