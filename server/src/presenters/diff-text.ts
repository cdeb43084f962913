// What the diff presenters share: the headings of each part of a diff, in order, and how a change
// reads in one line.
import type { Finding } from '../core/findings.js';
import type { Change, RevisionDiff } from '../engine/diff.js';
import { clipText } from './compare-text.js';
import { describeEvidence } from './location.js';

export interface ChangeList {
  title: string;
  changes: Change[];
}

/** The value and place lists of a diff, non-empty ones only, in reading order. */
export function changeLists(d: RevisionDiff): ChangeList[] {
  return [
    { title: 'Answers changed', changes: d.answers.changed },
    { title: 'Questions added', changes: d.answers.added },
    { title: 'Questions removed', changes: d.answers.removed },
    { title: 'Notes changed', changes: d.notes.changed },
    { title: 'Notes added', changes: d.notes.added },
    { title: 'Notes removed', changes: d.notes.removed },
    { title: 'Facts changed', changes: d.facts.changed },
  ].filter((l) => l.changes.length > 0);
}

export function findingLists(d: RevisionDiff): { title: string; findings: Finding[] }[] {
  return [
    { title: 'Gaps opened', findings: d.findings.opened },
    { title: 'Gaps closed', findings: d.findings.closed },
    { title: 'Gaps updated', findings: d.findings.updated.map((p) => p.new) },
  ].filter((l) => l.findings.length > 0);
}

/** The place of a change's side, without the ID the line already names. */
export function sidePlace(side: Change['old']): string {
  const e = side?.evidence;
  if (!e) return '';
  return describeEvidence({ ...e, questionId: undefined, section: e.questionId || /^Note /.test(e.section ?? '') ? undefined : e.section });
}

/** 'Yes → No', '(none) → Yes' for an added question, a note's text clipped. */
export function changeLine(c: Change, width = 80): { values: string; places: string } {
  const v = (s: Change['old']) => (s ? `"${clipText(s.text, width)}"` : '(none)');
  const [from, to] = [sidePlace(c.old), sidePlace(c.new)];
  return { values: `${v(c.old)} → ${v(c.new)}`, places: from === to ? from : `${from || '—'} → ${to || '—'}` };
}

export function summaryLine(d: RevisionDiff): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const parts = [`${n(d.findings.opened.length, 'gap')} opened`, `${d.findings.closed.length} closed`, `${d.findings.updated.length} updated`, `${d.findings.unchanged.length} unchanged`];
  const values = d.kind === 'mds2'
    ? [`${n(d.answers.changed.length, 'answer')} changed`, `${n(d.answers.added.length, 'question')} added`, `${d.answers.removed.length} removed`, `${n(d.notes.changed.length + d.notes.added.length + d.notes.removed.length, 'note')} changed`]
    : [`${n(d.facts.changed.length, 'fact')} changed`];
  return `${parts.join(', ')}; ${values.join(', ')}`;
}

export const KIND_TITLES: Record<RevisionDiff['kind'], string> = { mds2: 'MDS2 form', 'conformance-statement': 'DICOM Conformance Statement' };
