// Built-in checks: algorithms over a whole MDS2 form that one condition cannot express.
import type { Finding } from '../../core/findings.js';
import type { Mds2Form } from '../../documents/mds2/model.js';
import type { CatalogRule } from '../rule.js';
import { unansweredQuestions } from './unanswered.js';
import { missingNotes } from './missing-notes.js';
import { contradictions } from './contradictions.js';
import { contradictedMitigations } from './contradicted-mitigations.js';

export function runBuiltinCheck(rule: CatalogRule, form: Mds2Form, path?: string): Finding[] {
  switch (rule.check) {
    case 'mds2-unanswered':
      return unansweredQuestions(rule, form, path);
    case 'mds2-see-note-missing':
      return missingNotes(rule, form, path);
    case 'mds2-contradiction':
      return contradictions(rule, form, path);
    case 'mds2-contradicted-mitigation':
      return contradictedMitigations(rule, form, path);
    default:
      return [];
  }
}
