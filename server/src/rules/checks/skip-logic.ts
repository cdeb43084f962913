// The form's own skip logic (HN 1-2019): answers under these parents may legitimately be N/A or
// blank, and a Yes there contradicts the parent.
import type { Mds2Form } from '../../documents/mds2/model.js';
import { questionInfo } from '../../documents/mds2/questions.js';

/**
 * Sibling questions that depend on another question's answer (not expressed by ID nesting).
 * `exclusive`: a Yes to a dependent contradicts the governing answer (not just makes it moot).
 */
export const DEPENDENTS: { question: string; when: 'yes' | 'no'; dependents: string[]; exclusive: boolean }[] = [
  { question: 'SBOM-1', when: 'no', dependents: ['SBOM-2', 'SBOM-4'], exclusive: true },
  { question: 'CSUP-1', when: 'no', dependents: ['CSUP-2', 'CSUP-3', 'CSUP-4', 'CSUP-5', 'CSUP-6', 'CSUP-7', 'CSUP-8', 'CSUP-9', 'CSUP-10'], exclusive: true },
  { question: 'PLOK-1', when: 'yes', dependents: ['PLOK-2', 'PLOK-3', 'PLOK-4'], exclusive: true },
  // MLDP-3 (other anti-malware measures) applies when MLDP-2 (malware detection installed) is No.
  { question: 'MLDP-2', when: 'yes', dependents: ['MLDP-3'], exclusive: false },
];

export interface Governing {
  id: string;
  skipWhen: 'yes' | 'no';
  exclusive: boolean;
}

/** The questions whose answers govern this one (its parent by ID, or a declared dependency). */
export function governingQuestions(id: string): Governing[] {
  const out: Governing[] = [];
  const parent = questionInfo(id)?.parent ?? parentById(id);
  if (parent) out.push({ id: parent, skipWhen: 'no', exclusive: true });
  for (const dep of DEPENDENTS) {
    if (dep.dependents.some((d) => id === d || id.startsWith(`${d}.`))) out.push({ id: dep.question, skipWhen: dep.when, exclusive: dep.exclusive });
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
