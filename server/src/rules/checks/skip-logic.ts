// The form's own skip logic (HN 1-2019): answers under these parents may legitimately be N/A or
// blank, and a Yes there contradicts the parent.
import type { Mds2Form } from '../../documents/mds2/model.js';
import { questionInfo } from '../../documents/mds2/questions.js';

/** Sibling questions that depend on another question's answer (not expressed by ID nesting). */
export const DEPENDENTS: { question: string; when: 'yes' | 'no'; dependents: string[] }[] = [
  { question: 'SBOM-1', when: 'no', dependents: ['SBOM-2', 'SBOM-4'] },
  { question: 'CSUP-1', when: 'no', dependents: ['CSUP-2', 'CSUP-3', 'CSUP-4', 'CSUP-5', 'CSUP-6', 'CSUP-7', 'CSUP-8', 'CSUP-9', 'CSUP-10'] },
  { question: 'PLOK-1', when: 'yes', dependents: ['PLOK-2', 'PLOK-3', 'PLOK-4'] },
];

/** The question whose answer governs this one (its parent by ID, or a declared dependency). */
export function governingQuestions(id: string): { id: string; skipWhen: 'yes' | 'no' }[] {
  const out: { id: string; skipWhen: 'yes' | 'no' }[] = [];
  const parent = questionInfo(id)?.parent ?? parentById(id);
  if (parent) out.push({ id: parent, skipWhen: 'no' });
  for (const dep of DEPENDENTS) {
    if (dep.dependents.some((d) => id === d || id.startsWith(`${d}.`))) out.push({ id: dep.question, skipWhen: dep.when });
  }
  return out;
}

export function parentById(id: string): string | undefined {
  const dot = id.lastIndexOf('.');
  return dot > 0 ? id.slice(0, dot) : undefined;
}

/** True when the form's skip logic excuses this question from an answer. */
export function isSkipped(form: Mds2Form, id: string): boolean {
  return governingQuestions(id).some(({ id: g, skipWhen }) => {
    const v = form.answers[g]?.value;
    return v === skipWhen || v === 'n/a' || (v !== undefined && isSkipped(form, g));
  });
}
