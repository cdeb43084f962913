// `dicomsec report --format html` (and `lint -f report-html`): the scorecard report for a
// purchasing committee, one section per product. Self-contained: inline CSS and SVG, no script,
// no external resource (the CSP says so), every vendor string escaped. Nothing the reader must act
// on sits in a collapsed element, so the printed or PDF copy carries every remediation and question.
import type { Evidence, Severity } from '../core/findings.js';
import { SEVERITIES } from '../core/findings.js';
import { buildScorecard, type ProductFinding, type ProductScore, type ScoreRow } from '../engine/scorecard.js';
import type { ReviewReport } from '../engine/report.js';
import type { ReviewOptions } from '../engine/review.js';
import { TOOL_VERSION } from '../core/version.js';
import type { PresentOptions } from './presenter.js';
import { describeEvidence } from './location.js';
import { reportPath } from './report-path.js';
import { htmlText as esc } from './safe-text.js';
import { percentMet, scoreChart, SEGMENTS } from './scorecard-chart.js';
import { findingsSummary, notAssessedText, OTHERS_INTRO, plural, productHeading, rowLabel, SEVERITY_HEADINGS, whyNotScored } from './report-text.js';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{font-size:1.35rem;margin-top:2.4rem;border-bottom:2px solid #d0d7de;padding-bottom:.3rem}h3{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e5e8eb}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#57606a}.quote{font-style:italic}code,.hash{font-family:ui-monospace,monospace;font-size:.85em;word-break:break-all}
.verdict{font-size:1.05rem;font-weight:600;padding:.5rem .75rem;border-radius:4px;border-left:6px solid}
.verdict.gaps,.verdict.incomplete{background:#ffebe9;border-color:#cf222e}.verdict.concerns{background:#fff8c5;border-color:#d4a72c}.verdict.clear{background:#dafbe1;border-color:#2da44e}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem;border-radius:3px;padding:.1rem .35rem}.error{background:#ffebe9;color:#a40e26}.warning{background:#fff8c5;color:#7d4e00}.info{background:#ddf4ff;color:#0a3069}
.finding{border:1px solid #e5e8eb;border-radius:4px;padding:.5rem .75rem;margin:.5rem 0;break-inside:avoid}.finding p{margin:.3rem 0}.finding .rule{float:right}
.chart{max-width:100%;height:auto;display:block;margin:.5rem 0}.facts th{width:12rem}
@media print{body{margin:0;max-width:none}h2{break-before:page}h2.first{break-before:auto}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}`;

function evidenceHtml(e: Evidence, cwd: string | undefined, showPath: boolean): string {
  const where = `${showPath && e.path ? `${esc(reportPath(e.path, cwd))} ` : ''}<strong>${esc(describeEvidence(e))}</strong>`;
  return `<div>${where}${e.quote ? ` <span class="quote">“${esc(e.quote)}”</span>` : ''}</div>`;
}

function findingHtml(pf: ProductFinding, cwd: string | undefined): string {
  const { finding: f, rule } = pf;
  const cross = f.evidence.some((e) => e.path && e.path !== f.evidence[0]?.path);
  const evidence = f.evidence.map((e) => evidenceHtml(e, cwd, cross)).join('');
  const found = pf.documents.length ? `<p class="muted">Found in ${pf.documents.map((d) => esc(reportPath(d, cwd))).join(', ')}</p>` : '';
  const waiver = f.waiver ? `<p><strong>Waived.</strong> ${esc(f.waiver.justification)}${f.waiver.expires ? ` <span class="muted">(expires ${esc(f.waiver.expires)})</span>` : ' <span class="muted">(no expiry)</span>'}</p>` : '';
  const guidance = rule
    ? `<p><strong>Remediation.</strong> ${esc(rule.remediation)}</p><p><strong>Ask the vendor.</strong> ${esc(rule.question)}</p>`
    : '';
  return `<div class="finding"><span class="rule muted"><code>${esc(f.ruleId)}</code></span><p><span class="sev ${f.severity}">${f.severity}</span> ${esc(rule?.title ?? f.message)}</p>
<p>${esc(f.message)}</p>${evidence}${found}${waiver}${guidance}</div>`;
}

function scoreTable(rows: ScoreRow[], heading: string): string {
  const head = `<tr><th>${heading}</th><th>Met</th>${SEGMENTS.filter((s) => s.key !== 'met').map((s) => `<th>${s.label[0]!.toUpperCase()}${s.label.slice(1)}</th>`).join('')}<th>Not applicable</th><th>Score</th></tr>`;
  const body = rows
    .map((r) => `<tr><td>${esc(rowLabel(r))}</td><td class="n">${r.met}</td><td class="n">${r.gap}</td><td class="n">${r.unanswered}</td><td class="n">${r.waived}</td><td class="n">${r.notApplicable}</td><td class="n">${r.assessed ? `${percentMet(r)}%` : '—'}</td></tr>`)
    .join('\n');
  return `<table class="scores"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

function productHtml(p: ProductScore, index: number, cwd: string | undefined): string {
  const id = `product-${index + 1}`;
  const facts = [
    ['Manufacturer', p.manufacturer],
    ['Product', p.product],
    ['Version', p.version],
  ]
    .map(([k, v]) => `<tr><th>${k}</th><td>${v ? esc(v) : '<span class="muted">not stated in the documents</span>'}</td></tr>`)
    .join('');
  const dates = p.documents
    .map((d) => `<tr><th>${esc(d.title)}</th><td>${d.date ? esc(d.date) : '<span class="muted">undated</span>'}${d.documentId ? ` <span class="muted">· ${esc(d.documentId)}</span>` : ''}</td></tr>`)
    .join('');
  const bySeverity = (s: Severity) => p.findings.filter((f) => f.finding.severity === s);
  const findings = p.findings.length
    ? SEVERITIES.map((s) => {
        const list = bySeverity(s);
        return list.length ? `<h4>${SEVERITY_HEADINGS[s]} (${list.length})</h4>\n${list.map((f) => findingHtml(f, cwd)).join('\n')}` : '';
      }).join('\n')
    : '<p class="muted">No open findings.</p>';
  const waivers = p.waived.length
    ? `<table><thead><tr><th>Rule</th><th>Finding</th><th>Justification</th><th>Expires</th></tr></thead><tbody>${p.waived
        .map((w) => `<tr><td><code>${esc(w.finding.ruleId)}</code></td><td>${esc(w.finding.message)}${w.finding.evidence[0] ? evidenceHtml(w.finding.evidence[0], cwd, false) : ''}</td><td>${esc(w.finding.waiver?.justification)}</td><td>${esc(w.finding.waiver?.expires ?? 'no expiry')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="muted">No waivers apply.</p>';
  const unanswered = p.unanswered.length
    ? `<table><thead><tr><th>Question</th><th>Text</th><th>Where</th></tr></thead><tbody>${p.unanswered
        .map((u) => `<tr><td><code>${esc(u.questionId)}</code></td><td>${esc(u.question ?? '')}</td><td>${esc(describeEvidence({ ...u.evidence, questionId: undefined, section: undefined }))} <span class="muted">in ${u.documents.map((d) => esc(reportPath(d, cwd))).join(', ')}</span></td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="muted">Every MDS2 question was answered.</p>';
  const na = p.notApplicable.length
    ? `<ul>${p.notApplicable.map((n) => `<li><code>${esc(n.ruleId)}</code>${n.title ? ` ${esc(n.title)}` : ''} — <span class="muted">${esc(n.reason)}</span></li>`).join('')}</ul>`
    : '<p class="muted">Every rule assessed applies to this product.</p>';
  const notAssessed = p.notAssessed.length
    ? `<p class="muted">Not assessed for want of a document: ${esc(notAssessedText(p))}.</p>`
    : '';
  const documents = `<table><thead><tr><th>Document</th><th>Kind</th><th>Date</th><th>SHA-256</th></tr></thead><tbody>${p.documents
    .map((d) => `<tr><td>${esc(reportPath(d.path, cwd))}</td><td>${esc(d.title)}</td><td>${esc(d.date ?? '')}</td><td class="hash">${esc(d.sha256 ?? 'not recorded')}</td></tr>`)
    .join('')}</tbody></table>`;
  return `<h2 id="${id}"${index === 0 ? ' class="first"' : ''}>${esc(productHeading(p))}</h2>
<p class="verdict ${p.verdict.level}">${esc(p.verdict.line)}</p>
<h3>Executive summary</h3>
<table class="facts"><tbody>${facts}${dates}</tbody></table>
<h3>Scorecard</h3>
${p.milestones.length ? `${scoreChart(p.milestones, 'NSA Manageable Network Plan: rules met by milestone')}\n${scoreTable(p.milestones, 'Milestone')}` : ''}
${p.topics.length ? `${scoreChart(p.topics, 'DICOM WG-14 checklist: rules met by topic')}\n${scoreTable(p.topics, 'Topic')}` : ''}
${notAssessed}
<h3>Findings (${p.findings.length})</h3>
${findings}
<h3>Waivers (${p.waived.length})</h3>
${waivers}
<h3>Unanswered questions (${p.unanswered.length})</h3>
${unanswered}
<h3>Not applicable (${p.notApplicable.length})</h3>
${na}
<h3>Documents</h3>
${documents}`;
}

/** `run`: the review's options (its configuration names explicit pairs), when the caller has them. */
export function formatReportHtml(report: ReviewReport, { catalog, cwd, generatedAt = new Date().toISOString() }: PresentOptions, run: ReviewOptions = { cwd }): string {
  const card = buildScorecard(report, catalog, run);
  const contents = card.products.map((p, i) => `<li><a href="#product-${i + 1}">${esc(productHeading(p))}</a> — ${esc(p.verdict.line)}</li>`).join('');
  const unreadable = card.unreadable.length
    ? `<h2>Documents that could not be reviewed (${card.unreadable.length})</h2><table><thead><tr><th>Document</th><th>Why</th><th>SHA-256</th></tr></thead><tbody>${card.unreadable
        .map((d) => `<tr><td>${esc(reportPath(d.path, cwd))}</td><td>${esc(d.error)}</td><td class="hash">${esc(d.sha256 ?? 'not read')}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const others = card.others.length
    ? `<h2>Other documents reviewed (${card.others.length})</h2><p class="muted">${esc(OTHERS_INTRO)}</p><table><thead><tr><th>Document</th><th>Kind</th><th>Why not scored</th><th>Findings</th><th>SHA-256</th></tr></thead><tbody>${card.others
        .map((d) => `<tr><td>${esc(reportPath(d.path, cwd))}</td><td>${esc(d.kind)}</td><td>${esc(whyNotScored(d))}</td><td>${esc(findingsSummary(d.findings))}</td><td class="hash">${esc(d.sha256 ?? 'not recorded')}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const skipped = card.skipped.length
    ? `<h2>Skipped files (${card.skipped.length})</h2><table><thead><tr><th>Path</th><th>Reason</th><th>Detail</th></tr></thead><tbody>${card.skipped
        .map((s) => `<tr><td>${esc(reportPath(s.path, cwd))}</td><td>${esc(s.reason)}</td><td class="muted">${esc(s.detail ?? '')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<h2>Skipped files (0)</h2><p class="muted">Discovery passed over no file.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>dicomsec scorecard</title><style>${STYLE}</style></head><body>
<h1>Security disclosure scorecard</h1>
<p class="muted">dicomsec ${esc(TOOL_VERSION)} · ${esc(generatedAt)} · ${plural(card.products.length, 'product')}, ${plural(report.documents.length, 'document')}</p>
<p class="verdict ${card.verdict.level}">${esc(card.verdict.line)}</p>
<ul class="contents">${contents}</ul>
${card.products.map((p, i) => productHtml(p, i, cwd)).join('\n')}
${unreadable}
${others}
${skipped}
</body></html>
`;
}
