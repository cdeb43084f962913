// `diff --format md`: the diff as Markdown, for a change record or a ticket. Vendor text escaped.
import type { RevisionDiff } from '../engine/diff.js';
import { clipText } from './compare-text.js';
import { changeLists, findingLists, KIND_TITLES, sidePlace, summaryLine } from './diff-text.js';
import type { DiffOptions } from './diff-formats.js';
import { describeEvidence, relativePath } from './location.js';
import { markdownCode, markdownText } from './safe-text.js';

export function formatDiffMarkdown(d: RevisionDiff, { cwd = process.cwd() }: DiffOptions): string {
  const m = markdownText;
  const out = [
    `# ${KIND_TITLES[d.kind]}: ${m(d.new.name || d.old.name || 'unnamed product')}`,
    '',
    `- old: ${markdownCode(relativePath(d.old.path, cwd))}`,
    `- new: ${markdownCode(relativePath(d.new.path, cwd))}`,
    ...d.notices.map((n) => `- **Notice:** ${m(n)}`),
    '',
    `**${m(summaryLine(d))}**`,
  ];
  const side = (s: RevisionDiff['answers']['changed'][number]['old']) => (s ? `${m(clipText(s.text, 160))}${sidePlace(s) ? ` <sub>${m(sidePlace(s))}</sub>` : ''}` : '—');
  for (const list of changeLists(d)) {
    out.push('', `## ${list.title} (${list.changes.length})`, '', '| ID | Old | New |', '| --- | --- | --- |');
    for (const c of list.changes) out.push(`| **${m(c.id)}**${c.questions?.length ? ` (${m(c.questions.join(', '))})` : ''} | ${side(c.old)} | ${side(c.new)} |`);
  }
  for (const list of findingLists(d)) {
    out.push('', `## ${list.title} (${list.findings.length})`, '', '| Severity | Rule | Where | Finding |', '| --- | --- | --- | --- |');
    for (const f of list.findings) {
      const e = f.evidence[0]!;
      out.push(`| ${f.severity} | ${markdownCode(f.ruleId)} | ${m(describeEvidence(e))} | ${m(f.message)}${e.quote ? ` (“${m(clipText(e.quote, 80))}”)` : ''}${f.waiver ? ' _(waived)_' : ''} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
