import type { Finding } from '../../core/findings.js';
import type { Mds2Form } from '../../documents/mds2/model.js';
import { HN2019_QUESTION_IDS } from '../../documents/mds2/questions.js';
import { answerEvidence } from '../../documents/mds2/kind.js';
import { findingFor } from '../finding.js';
import type { CatalogRule } from '../rule.js';
import { isSkipped } from './skip-logic.js';

/**
 * An unanswered question is a finding, not a pass. For an HN 1-2019 form every official question
 * counts (a deleted row is as unanswered as a blank cell); for other editions, the rows present.
 */
export function unansweredQuestions(rule: CatalogRule, form: Mds2Form, path?: string): Finding[] {
  const ids = form.edition === 'HN 1-2019' ? [...new Set([...HN2019_QUESTION_IDS, ...form.order])] : form.order;
  const findings: Finding[] = [];
  for (const id of ids) {
    if (id.startsWith('DOC-') && form.edition === 'HN 1-2019' && !form.answers[id]) continue;
    const a = form.answers[id];
    if (a && a.value !== 'unanswered') continue;
    if (isSkipped(form, id)) continue;
    const where = a ? `${a.location.sheet ? `${a.location.sheet}!` : ''}${a.location.cell ?? (a.location.line ? `line ${a.location.line}` : '')}` : 'row missing from the form';
    findings.push(findingFor(rule, [answerEvidence(form, id, path)], `${id} is unanswered (${where}). ${rule.message}`));
  }
  return findings;
}
