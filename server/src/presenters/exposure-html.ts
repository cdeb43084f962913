// `dicomsec exposure --format html`: the Markdown plan's content as a self-contained page (inline
// CSS, no scripts, no external resources), every vendor string escaped.
import { TOOL_VERSION } from '../core/version.js';
import type { ExposurePlan, ProductExposure } from '../engine/exposure-model.js';
import type { ExposurePresentOptions } from './exposure.js';
import { DRAFT_WARNING, NO_PRODUCT, directionCell, evidenceText, KIND_LABEL, portCell, productTitle, serviceCell, tlsCell, transportCell } from './exposure-rows.js';
import { STYLE } from './html.js';
import { relativePath } from './location.js';
import { htmlText as esc } from './safe-text.js';

const unknown = (cell: string) => (cell.startsWith('not stated') ? `<span class="muted">${esc(cell)}</span>` : esc(cell));

function productSection(p: ProductExposure, cwd?: string): string {
  const docs = p.documents.map((d) => `<code>${esc(relativePath(d.path, cwd))}</code> (${KIND_LABEL[d.kind]})`).join(', ');
  const rows = p.flows
    .map((f) => {
      const notes = [...(f.peer ? [`peer: ${esc(f.peer)}`] : []), ...f.notes.map(esc), ...f.conflicts.map((c) => `<span class="sev error">conflict</span> ${esc(c.message)}`)];
      const evidence = f.evidence.map((e) => `<div>${esc(evidenceText(e, cwd))}</div>`).join('');
      return `<tr><td>${unknown(directionCell(f))}</td><td>${esc(serviceCell(f))}</td><td>${unknown(portCell(f))}</td><td>${unknown(transportCell(f))}</td><td>${unknown(tlsCell(f))}</td><td>${esc(f.aeTitles.join(', '))}</td><td>${notes.join('<br>')}</td><td class="muted">${evidence}</td></tr>`;
    })
    .join('\n');
  const list = (title: string, items: { message: string; evidence: import('../core/findings.js').Evidence[] }[]) =>
    items.length ? `<h3>${title}</h3><ul>${items.map((i) => `<li>${esc(i.message)} <span class="muted">(${i.evidence.map((e) => esc(evidenceText(e, cwd))).join('; ')})</span></li>`).join('')}</ul>` : '';
  return `<h2>${esc(productTitle(p))}</h2>
<p>Documents: ${docs}.${p.pairing ? ` Read together: ${esc(p.pairing)}.` : ''} Internet connection needed: ${p.internetNeeded === null ? 'not stated' : p.internetNeeded ? 'yes' : 'no'}.</p>
<table><thead><tr><th>Direction</th><th>Service</th><th>Port</th><th>Transport</th><th>TLS</th><th>AE titles</th><th>Notes</th><th>Evidence</th></tr></thead><tbody>
${rows || '<tr><td colspan="8" class="muted">The documents describe no network flow.</td></tr>'}
</tbody></table>
${list('Where the documents disagree', p.conflicts)}${list('Also noted', p.notes)}`;
}

export function exposureHtml(plan: ExposurePlan, { cwd }: ExposurePresentOptions): string {
  const unreadable = plan.unreadable.map((u) => `<p class="unreadable"><strong>Unreadable, not in this plan:</strong> <code>${esc(relativePath(u.path, cwd))}</code>: ${esc(u.error)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Network exposure plan</title><style>${STYLE}</style></head>
<body><h1>Network exposure plan</h1><p class="muted">dicomsec ${esc(TOOL_VERSION)}. ${esc(DRAFT_WARNING)}</p>
${unreadable}
${plan.products.length ? plan.products.map((p) => productSection(p, cwd)).join('\n') : `<p>${esc(NO_PRODUCT)}</p>`}
</body></html>
`;
}
