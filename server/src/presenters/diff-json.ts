// `diff --format json`: the RevisionDiff of engine/diff.ts (shape in README, "dicomsec diff"),
// every path relative to the working directory.
import type { Evidence, Finding } from '../core/findings.js';
import type { Change, RevisionDiff } from '../engine/diff.js';
import type { DiffOptions } from './diff-formats.js';
import { relativePath } from './location.js';

export function formatDiffJson(d: RevisionDiff, { cwd = process.cwd() }: DiffOptions): string {
  const ev = (e: Evidence): Evidence => (e.path ? { ...e, path: relativePath(e.path, cwd) } : e);
  const change = (c: Change): Change => ({ ...c, ...(c.old ? { old: { ...c.old, ...(c.old.evidence ? { evidence: ev(c.old.evidence) } : {}) } } : {}), ...(c.new ? { new: { ...c.new, ...(c.new.evidence ? { evidence: ev(c.new.evidence) } : {}) } } : {}) });
  const finding = (f: Finding): Finding => ({ ...f, evidence: f.evidence.map(ev) });
  const lists = <K extends string>(o: Record<K, Change[]>) => Object.fromEntries(Object.entries<Change[]>(o).map(([k, v]) => [k, v.map(change)])) as Record<K, Change[]>;
  const out: RevisionDiff = {
    ...d,
    old: { ...d.old, path: relativePath(d.old.path, cwd) },
    new: { ...d.new, path: relativePath(d.new.path, cwd) },
    answers: lists(d.answers),
    notes: lists(d.notes),
    facts: lists(d.facts),
    findings: {
      opened: d.findings.opened.map(finding),
      closed: d.findings.closed.map(finding),
      updated: d.findings.updated.map((p) => ({ old: finding(p.old), new: finding(p.new) })),
      unchanged: d.findings.unchanged.map(finding),
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
