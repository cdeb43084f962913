// `compare --format html`: the comparison as one self-contained page (inline CSS, no scripts, no
// external resources, a CSP that allows nothing else). Rows where products differ are highlighted
// and marked ≠; every vendor string is escaped.
import type { Comparison } from '../engine/compare.js';
import { scoreText, type MilestoneScore } from '../engine/milestone-scores.js';
import { TOOL_VERSION } from '../core/version.js';
import { answerText, cellPlace, factCellText, STATUS_WORDS, withRelativePaths } from './compare-text.js';
import type { CompareOptions } from './compare-formats.js';
import { htmlText as esc } from './safe-text.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:96rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}h3{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e5e8eb}
th{background:#f6f8fa}tr.differs td{background:#fff8c5}td.mark{width:1.2rem;font-weight:700;color:#7d4e00}
.place{display:block;color:#57606a;font-size:.78rem}.note{display:block;color:#57606a;font-size:.78rem;font-style:italic}
.gap,.unanswered{color:#a40e26;font-weight:600}.passed{color:#116329}.waived{color:#7d4e00}.muted{color:#57606a}
.unreadable{background:#ffebe9;padding:.5rem .75rem;border-radius:4px}.bar{display:inline-block;height:.55rem;background:#2da44e;border-radius:2px;margin-right:.4rem;vertical-align:middle}
@media print{tr.differs td{background:#fff8c5 !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}`;

const mark = (differs: boolean) => `<td class="mark">${differs ? '≠' : ''}</td>`;
const tr = (differs: boolean, cells: string) => `<tr${differs ? ' class="differs"' : ''}>${mark(differs)}${cells}</tr>`;
const valueCell = (text: string, place: string, note?: string) => `<td>${esc(text)}${place ? `<span class="place">${esc(place)}</span>` : ''}${note ? `<span class="note">Note: ${esc(note.length > 300 ? `${note.slice(0, 299)}…` : note)}</span>` : ''}</td>`;
const scoreCell = (s: MilestoneScore) => `<td>${s.score === null ? '' : `<span class="bar" style="width:${Math.round(s.score * 4)}rem"></span>`}${esc(scoreText(s))}</td>`;

export function formatCompareHtml(comparison: Comparison, { cwd = process.cwd(), generatedAt = new Date().toISOString() }: CompareOptions): string {
  const c = withRelativePaths(comparison, cwd);
  const head = (first: string) => `<thead><tr><th></th><th>${first}</th>${c.products.map((p) => `<th>${esc(p.name)}</th>`).join('')}</tr></thead>`;
  const parts: string[] = [];
  if (c.unreadable.length) {
    parts.push(`<div class="unreadable"><strong>Incomplete.</strong> These documents could not be read and are not compared:<ul>${c.unreadable.map((u) => `<li>${esc(u.path)}: ${esc(u.error)}</li>`).join('')}</ul></div>`);
  }
  parts.push(`<table>${head('Documents')}<tbody><tr><td></td><td></td>${c.products.map((p) => `<td>${p.documents.map((d) => `<div>${esc(d.path)} <span class="muted">${esc(d.kind)}</span></div>`).join('')}</td>`).join('')}</tr></tbody></table>`);
  parts.push(`<h2>Scores by NSA MNP milestone</h2><p class="muted">Score: the share of the milestone's applicable rules that found no gap; waived gaps and rules whose MDS2 questions are blank count against it, rules that do not apply or whose document is missing do not count.</p>`);
  parts.push(`<table>${head('Milestone')}<tbody>${c.milestones.map((m) => `<tr><td></td><td>${esc(m.title)}</td>${m.scores.map(scoreCell).join('')}</tr>`).join('')}</tbody></table>`);
  if (c.questions.length) {
    parts.push('<h2>MDS2 answers</h2>');
    for (const s of c.questions) {
      const rows = s.rows.map((r) => tr(r.differs, `<td><strong>${esc(r.id)}</strong>${r.question ? ` ${esc(r.question)}` : ''}</td>${r.cells.map((cell) => valueCell(answerText(cell), cellPlace(cell?.evidence), cell?.note)).join('')}`));
      parts.push(`<h3>${esc(s.section)}: ${esc(s.title)}</h3><table>${head('Question')}<tbody>${rows.join('\n')}</tbody></table>`);
    }
  }
  if (c.facts.length) {
    parts.push('<h2>Statement facts</h2>');
    for (const g of c.facts) {
      const rows = g.rows.map((r) => tr(r.differs, `<td><code>${esc(r.key)}</code></td>${r.cells.map((cell) => valueCell(factCellText(cell), cellPlace(cell?.evidence))).join('')}`));
      parts.push(`<h3>${esc(g.title)}</h3><table>${head('Fact')}<tbody>${rows.join('\n')}</tbody></table>`);
    }
  }
  parts.push('<h2>Rules by milestone</h2>');
  for (const m of c.milestones) {
    const rows = m.rules.map((r) => tr(r.differs, `<td><code>${esc(r.id)}</code> ${esc(r.title)}${r.reads.length ? `<span class="place">reads ${esc(r.reads.join(', '))}</span>` : ''}</td>${r.statuses.map((s) => `<td class="${s}">${esc(STATUS_WORDS[s])}</td>`).join('')}`));
    parts.push(`<h3>${esc(m.title)}</h3><table>${head('Rule')}<tbody><tr><td></td><td><strong>Score</strong></td>${m.scores.map(scoreCell).join('')}</tr>${rows.join('\n')}</tbody></table>`);
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>dicomsec product comparison</title><style>${STYLE}</style></head><body>
<h1>Product comparison</h1>
<p class="muted">dicomsec ${esc(TOOL_VERSION)} · ${esc(generatedAt)} · ${c.products.length} product${c.products.length === 1 ? '' : 's'} · rows marked ≠ differ between products</p>
${parts.join('\n')}
</body></html>
`;
}
