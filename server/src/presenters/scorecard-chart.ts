// The scorecard drawn as inline SVG: one horizontal bar per milestone or topic, split into the
// rules met, waived, unanswered and open. Static markup only (no script, no external font or
// image), every label escaped, so it survives the report's CSP, an e-mail and a printer.
import type { ScoreRow } from '../engine/scorecard.js';
import { htmlText as esc } from './safe-text.js';
import { rowLabel } from './report-text.js';

/** Segment order and colours (readable on white and in greyscale print: dark to light). */
export const SEGMENTS = [
  { key: 'gap', label: 'open gap', colour: '#cf222e' },
  { key: 'unanswered', label: 'unanswered', colour: '#d4a72c' },
  { key: 'waived', label: 'waived', colour: '#8c959f' },
  { key: 'met', label: 'met', colour: '#2da44e' },
] as const;

const LABEL_WIDTH = 380;
const BAR_WIDTH = 360;
const COUNT_WIDTH = 110;
const ROW_HEIGHT = 26;
const TOP = 30;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The share of assessed rules met, as a whole percentage (0 when nothing could be assessed). */
export function percentMet(row: ScoreRow): number {
  return row.assessed ? Math.round((100 * row.met) / row.assessed) : 0;
}

export function scoreChart(rows: ScoreRow[], caption: string): string {
  const width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH;
  const height = TOP + rows.length * ROW_HEIGHT + 34;
  const bars = rows
    .map((row, i) => {
      const y = TOP + i * ROW_HEIGHT;
      let x = LABEL_WIDTH;
      const segments = SEGMENTS.map(({ key, colour, label }) => {
        const n = row[key];
        if (!n || !row.assessed) return '';
        const w = (BAR_WIDTH * n) / row.assessed;
        const rect = `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW_HEIGHT - 8}" fill="${colour}"><title>${esc(`${row.id}: ${n} ${label}`)}</title></rect>`;
        x += w;
        return rect;
      }).join('');
      const empty = row.assessed ? '' : `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${BAR_WIDTH}" height="${ROW_HEIGHT - 8}" fill="none" stroke="#d0d7de" stroke-dasharray="4 3"/>`;
      const label = `<text x="${LABEL_WIDTH - 8}" y="${y + ROW_HEIGHT / 2 + 4}" text-anchor="end">${esc(clip(rowLabel({ id: row.id, title: row.title.replace(/^(?:Milestone \d+|Network security task):\s*/i, '') }), 54))}</text>`;
      const count = row.assessed
        ? `${row.met}/${row.assessed} met`
        : `${row.notApplicable} n/a`;
      return `${label}${segments}${empty}<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + ROW_HEIGHT / 2 + 4}">${esc(count)}</text>`;
    })
    .join('\n');
  const legendY = TOP + rows.length * ROW_HEIGHT + 20;
  // Legend entries side by side, each as wide as its label (about 7 px a character at 12 px).
  let legendX = LABEL_WIDTH;
  const legend = SEGMENTS.map(({ label, colour }) => {
    const x = legendX;
    legendX += 30 + label.length * 7;
    return `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${colour}"/><text x="${x + 16}" y="${legendY}">${label}</text>`;
  }).join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui,sans-serif" font-size="12" fill="#1b1f24">
<title>${esc(caption)}</title>
<text x="4" y="16" font-weight="600" font-size="13">${esc(caption)}</text>
${bars}
${legend}
</svg>`;
}
