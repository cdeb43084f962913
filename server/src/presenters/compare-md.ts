// `compare --format md`: the comparison as Markdown tables, one column per product. Rows where the
// products differ are marked ≠ in the first column. Vendor text is escaped (safe-text.ts).
import type { Comparison } from '../engine/compare.js';
import { scoreText } from '../engine/milestone-scores.js';
import { TOOL_VERSION } from '../core/version.js';
import { answerText, cellPlace, clipText, factCellText, STATUS_WORDS, withRelativePaths } from './compare-text.js';
import type { CompareOptions } from './compare-formats.js';
import { markdownCode, markdownText } from './safe-text.js';

const MARK = '≠';
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number) => row(Array.from({ length: n }, () => '---'));
const withPlace = (text: string, place: string) => `${markdownText(clipText(text, 120))}${place ? ` <sub>${markdownText(place)}</sub>` : ''}`;

export function formatCompareMarkdown(comparison: Comparison, { cwd = process.cwd() }: CompareOptions): string {
  const c = withRelativePaths(comparison, cwd);
  const names = c.products.map((p) => markdownText(p.name));
  const out: string[] = [`# Product comparison`, '', `dicomsec ${TOOL_VERSION} · ${c.products.length} product${c.products.length === 1 ? '' : 's'}. Rows marked ${MARK} differ between products.`, ''];
  if (c.unreadable.length) {
    out.push('**Incomplete: documents that could not be read**', '', ...c.unreadable.map((u) => `- ${markdownCode(u.path)}: ${markdownText(u.error)}`), '');
  }
  out.push(row(['', ...names]), rule(names.length + 1), row(['Documents', ...c.products.map((p) => p.documents.map((d) => markdownCode(d.path)).join('<br>'))]), '');

  out.push('## Scores by NSA MNP milestone', '', 'Score: the share of the milestone\'s applicable rules that found no gap (waived gaps and rules whose MDS2 questions are blank count against it).', '');
  out.push(row(['Milestone', ...names]), rule(names.length + 1));
  for (const m of c.milestones) out.push(row([markdownText(m.title), ...m.scores.map(scoreText)]));
  out.push('');

  if (c.questions.length) {
    out.push('## MDS2 answers', '');
    for (const s of c.questions) {
      out.push(`### ${markdownText(s.section)}: ${markdownText(s.title)}`, '', row([MARK, 'Question', ...names]), rule(names.length + 2));
      for (const r of s.rows) {
        const question = `**${markdownText(r.id)}**${r.question ? ` ${markdownText(clipText(r.question, 100))}` : ''}`;
        out.push(row([r.differs ? MARK : '', question, ...r.cells.map((cell) => withPlace(answerText(cell), cellPlace(cell?.evidence)))]));
      }
      out.push('');
    }
  }
  if (c.facts.length) {
    out.push('## Statement facts', '');
    for (const g of c.facts) {
      out.push(`### ${markdownText(g.title)}`, '', row([MARK, 'Fact', ...names]), rule(names.length + 2));
      for (const r of g.rows) out.push(row([r.differs ? MARK : '', markdownCode(r.key), ...r.cells.map((cell) => withPlace(factCellText(cell), cellPlace(cell?.evidence)))]));
      out.push('');
    }
  }
  out.push('## Rules by milestone', '');
  for (const m of c.milestones) {
    out.push(`### ${markdownText(m.title)}`, '', row([MARK, 'Rule', 'Reads', ...names]), rule(names.length + 3));
    out.push(row(['', '**Score**', '', ...m.scores.map((s) => `**${scoreText(s)}**`)]));
    for (const r of m.rules) out.push(row([r.differs ? MARK : '', `${markdownCode(r.id)} ${markdownText(r.title)}`, markdownText(r.reads.join(', ')), ...r.statuses.map((s) => STATUS_WORDS[s])]));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
