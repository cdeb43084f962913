// `dicomsec exposure --format md`: one table per product, every flow with its evidence, then the
// conflicts between the documents and what they leave unknown. Vendor text is inert Markdown.
import type { ExposurePlan, ProductExposure } from '../engine/exposure-model.js';
import type { ExposurePresentOptions } from './exposure.js';
import { DRAFT_WARNING, NO_PRODUCT, directionCell, evidenceText, KIND_LABEL, portCell, productTitle, serviceCell, tlsCell, transportCell } from './exposure-rows.js';
import { relativePath } from './location.js';
import { markdownCode, markdownText } from './safe-text.js';

const md = markdownText;

function productSection(p: ProductExposure, cwd?: string): string[] {
  const out = [`## ${md(productTitle(p))}`, ''];
  out.push(`Documents: ${p.documents.map((d) => `${markdownCode(relativePath(d.path, cwd))} (${KIND_LABEL[d.kind]})`).join(', ')}.${p.pairing ? ` Read together: ${md(p.pairing)}.` : ''}`);
  out.push(`Internet connection needed: ${p.internetNeeded === null ? 'not stated' : p.internetNeeded ? 'yes' : 'no'}.`, '');
  out.push('| Direction | Service | Port | Transport | TLS | AE titles | Notes | Evidence |', '|---|---|---|---|---|---|---|---|');
  for (const f of p.flows) {
    const notes = [...(f.peer ? [`peer: ${f.peer}`] : []), ...f.notes].map(md);
    notes.push(...f.conflicts.map((c) => `**conflict:** ${md(c.message)}`));
    const cells = [directionCell(f), serviceCell(f), portCell(f), transportCell(f), tlsCell(f), f.aeTitles.join(', ')].map(md);
    cells.push(notes.join('; '));
    cells.push(f.evidence.map((e) => md(evidenceText(e, cwd))).join('<br>'));
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (p.flows.length === 0) out.push('| not stated | the documents describe no network flow | | | | | | |');
  if (p.conflicts.length) {
    out.push('', '**Where the documents disagree:**', '');
    for (const c of p.conflicts) out.push(`- ${md(c.message)} (${c.evidence.map((e) => md(evidenceText(e, cwd))).join('; ')})`);
  }
  if (p.notes.length) {
    out.push('', '**Also noted:**', '');
    for (const n of p.notes) out.push(`- ${md(n.message)} (${n.evidence.map((e) => md(evidenceText(e, cwd))).join('; ')})`);
  }
  return out;
}

export function exposureMarkdown(plan: ExposurePlan, { cwd }: ExposurePresentOptions): string {
  const out = ['# Network exposure plan', '', `_${DRAFT_WARNING}_`, ''];
  for (const u of plan.unreadable) out.push(`> **Unreadable, not in this plan:** ${markdownCode(relativePath(u.path, cwd))}: ${md(u.error)}`, '');
  if (!plan.products.length) out.push(NO_PRODUCT, '');
  for (const p of plan.products) out.push(...productSection(p, cwd), '');
  if (plan.ignored.length) out.push(`Not read for this plan (not an MDS2 form or conformance statement): ${plan.ignored.map((d) => markdownCode(relativePath(d.path, cwd))).join(', ')}.`, '');
  return out.join('\n');
}
