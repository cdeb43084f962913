// `--format html`: a self-contained report to attach to a procurement file. Static markup and
// inline CSS only: no scripts, no external resources, every vendor string escaped. Paths as in
// stylish and JUnit: relative to the run's working directory, absolute with --absolute-paths.
import type { Finding, Severity } from '../core/findings.js';
import { isConfigNotice, type DocumentReview, type ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import { kindOf } from '../documents/kinds.js';
import type { Catalog } from '../rules/catalog.js';
import { TOOL_VERSION } from '../core/version.js';
import { describeEvidence, shownPath } from './location.js';
import { htmlText as esc } from './safe-text.js';

export const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e5e8eb}
th{background:#f6f8fa}.sev{font-weight:600;text-transform:uppercase;font-size:.75rem;border-radius:3px;padding:.1rem .35rem}
.error{background:#ffebe9;color:#a40e26}.warning{background:#fff8c5;color:#7d4e00}.info{background:#ddf4ff;color:#0a3069}
.muted{color:#57606a}.quote{font-style:italic}.tag{display:inline-block;font-size:.72rem;background:#eaeef2;border-radius:3px;padding:0 .3rem;margin:.1rem .2rem 0 0}
.unreadable{background:#ffebe9;padding:.5rem .75rem;border-radius:4px}details{margin:.2rem 0}summary{cursor:pointer}.ask p{margin:.3rem 0}
@media print{details{display:block}summary{display:none}}
@media print{details::details-content{content-visibility:visible;display:block}}`;
// Printing cannot open a closed <details> in every browser (and no script may do it), so what the
// reader must act on (remediation, the vendor question) is never inside one; the print rule above
// opens the rest (rationale, RFP clause, not-applicable lists) where the browser allows it.

/** How this report shows a path (shownPath with the run's cwd and --absolute-paths). */
type Show = (file: string | undefined) => string;

function findingRows(findings: Finding[], catalog: Catalog, show: Show, docPath?: string): string {
  return findings
    .map((f) => {
      const rule = catalog.get(f.ruleId);
      const evidence = f.evidence
        .map((e) => `<div>${e.path && e.path !== docPath ? `${esc(show(e.path))} ` : ''}<strong>${esc(describeEvidence(e))}</strong>${e.quote ? ` <span class="quote">“${esc(e.quote)}”</span>` : ''}</div>`)
        .join('');
      const tags = Object.entries(f.frameworks)
        .flatMap(([fw, ids]) => (ids ?? []).map((id) => `<span class="tag">${esc(fw)}:${esc(id)}</span>`))
        .join('');
      const more = rule
        ? `<div class="ask"><p><strong>Remediation.</strong> ${esc(rule.remediation)}</p><p><strong>Ask the vendor.</strong> ${esc(rule.question)}</p></div><details><summary>Why, and the RFP clause</summary><p>${esc(rule.rationale)}</p><p><strong>RFP clause.</strong> ${esc(rule.rfpClause)}</p></details>`
        : '';
      const waiver = f.waiver ? `<div class="muted">Waived: ${esc(f.waiver.justification)}${f.waiver.expires ? ` (until ${esc(f.waiver.expires)})` : ''}</div>` : '';
      return `<tr><td><span class="sev ${f.severity}">${f.severity}</span></td><td>${evidence}</td><td>${esc(f.message)}${waiver}<div>${tags}</div>${more}</td><td class="muted">${esc(f.ruleId)}</td></tr>`;
    })
    .join('\n');
}

function table(findings: Finding[], catalog: Catalog, show: Show, docPath?: string): string {
  if (findings.length === 0) return '<p class="muted">No findings.</p>';
  return `<table><thead><tr><th>Severity</th><th>Where</th><th>Finding</th><th>Rule</th></tr></thead><tbody>\n${findingRows(findings, catalog, show, docPath)}\n</tbody></table>`;
}

/** Rules that do not apply to the product, with their reasons: shown apart, never as findings. */
function notApplicableList(d: DocumentReview): string {
  const na = d.notApplicable ?? [];
  if (na.length === 0) return '';
  const items = na.map((n) => `<li><code>${esc(n.ruleId)}</code> — ${esc(n.reason)}</li>`).join('');
  return `<details><summary>Not applicable (${na.length})</summary><ul class="muted">${items}</ul></details>`;
}

function documentTitle(d: DocumentReview, show: Show): string {
  const m = d.model;
  return (m && kindOf(m).title(m).join(' — ')) || show(d.path);
}

export function formatHtml(report: ReviewReport, { catalog, cwd, absolutePaths, generatedAt = new Date().toISOString() }: PresentOptions): string {
  const show: Show = (file) => shownPath(file, { cwd, absolutePaths });
  const count = (fs: Finding[], s: Severity) => fs.filter((f) => f.severity === s).length;
  const configName = (file: string | null | undefined) => (file ? show(file) : 'none (built-in defaults)');
  const summaryRows = report.documents
    .map((d) =>
      d.status === 'unreadable'
        ? `<tr><td>${esc(show(d.path))}</td><td colspan="4"><span class="sev error">unreadable</span> ${esc(d.error)}</td></tr>`
        : `<tr><td><a href="#doc-${report.documents.indexOf(d)}">${esc(show(d.path))}</a></td><td>${esc(d.kind)}</td><td>${count(d.findings, 'error')}</td><td>${count(d.findings, 'warning')}</td><td>${count(d.findings, 'info')}</td></tr>`,
    )
    .join('\n');
  const sections = report.documents
    .map((d, i) => {
      const body = d.status === 'unreadable'
        ? `<p class="unreadable">This document could not be reviewed: ${esc(d.error)}. It is not a clean result.</p>`
        : `${table(d.findings, catalog, show, d.path)}${d.waived.length ? `<h3>Waived (${d.waived.length})</h3>${table(d.waived, catalog, show, d.path)}` : ''}${notApplicableList(d)}`;
      return `<h2 id="doc-${i}">${esc(documentTitle(d, show))}</h2><p class="muted">${esc(show(d.path))} · ${esc(d.kind)}${d.config !== undefined ? ` · configuration ${esc(configName(d.config))}` : ''}</p>
${body}`;
    })
    .join('\n');
  const cross = report.crossFindings.length ? `<h2>Cross-document checks</h2>\n${table(report.crossFindings, catalog, show)}` : '';
  const skippedList = report.skipped ?? [];
  const skipped = skippedList.length
    ? `<h2>Not reviewed (${skippedList.length} skipped)</h2>\n<details><summary>Files and folders discovery passed over, with the reason</summary><table><thead><tr><th>Path</th><th>Reason</th><th>Detail</th></tr></thead><tbody>\n${skippedList.map((f) => `<tr><td>${esc(show(f.path))}</td><td>${esc(f.reason)}</td><td class="muted">${esc(f.detail)}</td></tr>`).join('\n')}\n</tbody></table></details>`
    : '';
  const notices = (report.notices ?? []).filter(isConfigNotice).map((n) => `<li>${esc(show(n.file))}: ${esc(n.message)}</li>`).join('');
  const configuration =
    report.config !== undefined ? `<p class="muted">Configuration: ${esc(configName(report.config))}</p>${notices ? `<ul class="notices">${notices}</ul>` : ''}` : '';
  const s = report.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>dicomsec review</title><style>${STYLE}</style></head><body>
<h1>Security disclosure review</h1>
<p class="muted">dicomsec ${esc(TOOL_VERSION)} · ${esc(generatedAt)} · ${s.documents} documents, ${s.findings.error} errors, ${s.findings.warning} warnings, ${s.findings.info} info${s.waived ? `, ${s.waived} waived` : ''}${s.unreadable ? `, ${s.unreadable} unreadable` : ''}${skippedList.length ? `, ${skippedList.length} skipped` : ''}</p>
${configuration}
<table><thead><tr><th>Document</th><th>Kind</th><th>Errors</th><th>Warnings</th><th>Info</th></tr></thead><tbody>
${summaryRows}
</tbody></table>
${sections}
${cross}
${skipped}
</body></html>
`;
}
