// `diff --format stylish` (the default): the diff for a terminal. Vendor text is made one visible
// line (terminalText) before it is printed.
import type { RevisionDiff } from '../engine/diff.js';
import { clipText } from './compare-text.js';
import { changeLine, changeLists, findingLists, KIND_TITLES, summaryLine } from './diff-text.js';
import type { DiffOptions } from './diff-formats.js';
import { describeEvidence, relativePath } from './location.js';
import { applyColours, SGR_CLOSE, SGR_OPEN, terminalBlock, terminalText } from './safe-text.js';

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function formatDiffStylish(d: RevisionDiff, { cwd = process.cwd(), color }: DiffOptions): string {
  const paint = (style: keyof typeof CODES, text: string) => (color ? `${SGR_OPEN}${CODES[style]}${SGR_CLOSE}${text}${SGR_OPEN}0${SGR_CLOSE}` : text);
  const t = terminalText;
  const lines = [
    paint('bold', `${KIND_TITLES[d.kind]}: ${t(d.new.name || d.old.name || 'unnamed product')}`),
    `  old  ${t(relativePath(d.old.path, cwd))}`,
    `  new  ${t(relativePath(d.new.path, cwd))}`,
    ...d.notices.map((n) => paint('yellow', `  notice: ${t(n)}`)),
  ];
  for (const list of changeLists(d)) {
    lines.push('', paint('bold', `${list.title} (${list.changes.length})`));
    const width = Math.min(28, Math.max(...list.changes.map((c) => c.id.length)));
    for (const c of list.changes) {
      const { values, places } = changeLine(c, 60);
      const refs = c.questions?.length ? ` (${c.questions.join(', ')})` : '';
      lines.push(`  ${t(c.id).padEnd(width)}  ${t(values)}${refs}${places ? paint('dim', `  ${t(places)}`) : ''}`);
    }
  }
  for (const list of findingLists(d)) {
    lines.push('', paint('bold', `${list.title} (${list.findings.length})`));
    for (const f of list.findings) {
      const e = f.evidence[0]!;
      const sev = f.severity === 'error' ? paint('red', f.severity.padEnd(8)) : f.severity.padEnd(8);
      lines.push(`  ${sev} ${f.ruleId.padEnd(14)} ${t(describeEvidence(e))}  ${t(f.message)}${e.quote ? ` "${t(clipText(e.quote, 60))}"` : ''}${f.waiver ? paint('dim', ' (waived)') : ''}`);
    }
  }
  const opened = d.findings.opened.length;
  lines.push('', paint(opened ? 'red' : 'green', `${opened ? '✖' : '✔'} ${summaryLine(d)}`));
  return applyColours(terminalBlock(`${lines.join('\n')}\n`));
}
