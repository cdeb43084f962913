// `dicomsec report --format md` (and `lint -f report-md`): the scorecard report as Markdown, with
// the same content as the HTML one; the chart becomes a table with text bars. Vendor text goes
// through markdownText (inert: no link, tag, emphasis or table cell opens); file names are code
// spans (markdownCode) in lists and escaped text in table cells, where a '|' would end the cell.
import type { Evidence } from '../core/findings.js';
import { SEVERITIES } from '../core/findings.js';
import { buildScorecard, type ProductFinding, type ProductScore, type ScoreRow } from '../engine/scorecard.js';
import type { ReviewReport } from '../engine/report.js';
import type { ReviewOptions } from '../engine/review.js';
import { TOOL_VERSION } from '../core/version.js';
import type { PresentOptions } from './presenter.js';
import { describeEvidence } from './location.js';
import { reportPath } from './report-path.js';
import { markdownCode, markdownText as md } from './safe-text.js';
import { percentMet } from './scorecard-chart.js';
import { findingsSummary, notAssessedText, OTHERS_INTRO, plural, productHeading, rowLabel, SEVERITY_HEADINGS, whyNotScored } from './report-text.js';

const BAR = 20;

/** met █, waived ▒, unanswered ░, open gap ·, over 20 characters. */
export function textBar(row: ScoreRow): string {
  if (!row.assessed) return '(none assessed)';
  // Each segment ends where its running total does, rounded: the widths always add up to the bar.
  let total = 0;
  let end = 0;
  const widths = [row.met, row.waived, row.unanswered, row.gap].map((n) => {
    const start = end;
    total += n;
    end = Math.round((BAR * total) / row.assessed);
    return end - start;
  });
  return `${'█'.repeat(widths[0]!)}${'▒'.repeat(widths[1]!)}${'░'.repeat(widths[2]!)}${'·'.repeat(widths[3]!)}`;
}

function scoreTable(rows: ScoreRow[], heading: string): string[] {
  return [
    `| ${heading} | Score | Met | Open gap | Unanswered | Waived | Not applicable |`,
    '|---|---|--:|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${md(rowLabel(r))} | \`${textBar(r)}\` ${r.assessed ? `${percentMet(r)}%` : '—'} | ${r.met} | ${r.gap} | ${r.unanswered} | ${r.waived} | ${r.notApplicable} |`),
    '',
    'Bars: █ met, ▒ waived, ░ unanswered, · open gap.',
  ];
}

function evidenceLine(e: Evidence, cwd: string | undefined, showPath: boolean): string {
  return `  - ${showPath && e.path ? `${markdownCode(reportPath(e.path, cwd))} ` : ''}**${md(describeEvidence(e))}**${e.quote ? ` “${md(e.quote)}”` : ''}`;
}

function findingLines(pf: ProductFinding, cwd: string | undefined): string[] {
  const { finding: f, rule } = pf;
  const cross = f.evidence.some((e) => e.path && e.path !== f.evidence[0]?.path);
  return [
    `- **${f.severity.toUpperCase()}** \`${md(f.ruleId)}\` ${md(rule?.title ?? f.message)}`,
    `  - ${md(f.message)}`,
    '  - Evidence:',
    ...f.evidence.map((e) => `  ${evidenceLine(e, cwd, cross)}`),
    ...(pf.documents.length ? [`  - Found in ${pf.documents.map((d) => markdownCode(reportPath(d, cwd))).join(', ')}.`] : []),
    ...(rule ? [`  - **Remediation.** ${md(rule.remediation)}`, `  - **Ask the vendor.** ${md(rule.question)}`] : []),
  ];
}

function productLines(p: ProductScore, cwd: string | undefined): string[] {
  const value = (v: string | undefined) => (v ? md(v) : '_not stated in the documents_');
  const lines = [
    `## ${md(productHeading(p))}`,
    '',
    `**Verdict:** ${md(p.verdict.line)}`,
    '',
    '### Executive summary',
    '',
    '| | |',
    '|---|---|',
    `| Manufacturer | ${value(p.manufacturer)} |`,
    `| Product | ${value(p.product)} |`,
    `| Version | ${value(p.version)} |`,
    ...p.documents.map((d) => `| ${md(d.title)} | ${d.date ? md(d.date) : '_undated_'}${d.documentId ? ` · ${md(d.documentId)}` : ''} |`),
    '',
    '### Scorecard',
    '',
  ];
  if (p.milestones.length) lines.push('NSA Manageable Network Plan: rules met by milestone.', '', ...scoreTable(p.milestones, 'Milestone'), '');
  if (p.topics.length) lines.push('DICOM WG-14 checklist: rules met by topic.', '', ...scoreTable(p.topics, 'Topic'), '');
  if (p.notAssessed.length) lines.push(`Not assessed for want of a document: ${md(notAssessedText(p))}.`, '');
  lines.push(`### Findings (${p.findings.length})`, '');
  if (!p.findings.length) lines.push('No open findings.', '');
  for (const s of SEVERITIES) {
    const list = p.findings.filter((f) => f.finding.severity === s);
    if (list.length) lines.push(`#### ${SEVERITY_HEADINGS[s]} (${list.length})`, '', ...list.flatMap((f) => findingLines(f, cwd)), '');
  }
  lines.push(`### Waivers (${p.waived.length})`, '');
  if (p.waived.length) {
    lines.push('| Rule | Finding | Justification | Expires |', '|---|---|---|---|');
    for (const w of p.waived) lines.push(`| \`${md(w.finding.ruleId)}\` | ${md(w.finding.message)} | ${md(w.finding.waiver?.justification ?? '')} | ${md(w.finding.waiver?.expires ?? 'no expiry')} |`);
  } else lines.push('No waivers apply.');
  lines.push('', `### Unanswered questions (${p.unanswered.length})`, '');
  if (p.unanswered.length) {
    lines.push('| Question | Text | Where |', '|---|---|---|');
    for (const u of p.unanswered) lines.push(`| \`${md(u.questionId)}\` | ${md(u.question ?? '')} | ${md(describeEvidence({ ...u.evidence, questionId: undefined, section: undefined }))} in ${u.documents.map((d) => md(reportPath(d, cwd))).join(', ')} |`);
  } else lines.push('Every MDS2 question was answered.');
  lines.push('', `### Not applicable (${p.notApplicable.length})`, '');
  if (p.notApplicable.length) for (const n of p.notApplicable) lines.push(`- \`${md(n.ruleId)}\`${n.title ? ` ${md(n.title)}` : ''}: ${md(n.reason)}`);
  else lines.push('Every rule assessed applies to this product.');
  lines.push('', '### Documents', '', '| Document | Kind | Date | SHA-256 |', '|---|---|---|---|');
  for (const d of p.documents) lines.push(`| ${md(reportPath(d.path, cwd))} | ${md(d.title)} | ${md(d.date ?? '')} | \`${d.sha256 ?? 'not recorded'}\` |`);
  lines.push('');
  return lines;
}

/** `run`: the review's options (its configuration names explicit pairs), when the caller has them. */
export function formatReportMarkdown(report: ReviewReport, { catalog, cwd, generatedAt = new Date().toISOString() }: PresentOptions, run: ReviewOptions = { cwd }): string {
  const card = buildScorecard(report, catalog, run);
  const lines = [
    '# Security disclosure scorecard',
    '',
    `dicomsec ${md(TOOL_VERSION)} · ${md(generatedAt)} · ${plural(card.products.length, 'product')}, ${plural(report.documents.length, 'document')}`,
    '',
    `**Verdict:** ${md(card.verdict.line)}`,
    '',
    ...card.products.map((p) => `- ${md(productHeading(p))}: ${md(p.verdict.line)}`),
    '',
    ...card.products.flatMap((p) => productLines(p, cwd)),
  ];
  if (card.unreadable.length) {
    lines.push(`## Documents that could not be reviewed (${card.unreadable.length})`, '', '| Document | Why | SHA-256 |', '|---|---|---|');
    for (const d of card.unreadable) lines.push(`| ${md(reportPath(d.path, cwd))} | ${md(d.error ?? '')} | \`${d.sha256 ?? 'not read'}\` |`);
    lines.push('');
  }
  if (card.others.length) {
    lines.push(`## Other documents reviewed (${card.others.length})`, '', OTHERS_INTRO, '', '| Document | Kind | Why not scored | Findings | SHA-256 |', '|---|---|---|---|---|');
    for (const d of card.others) {
      lines.push(`| ${md(reportPath(d.path, cwd))} | ${md(d.kind)} | ${md(whyNotScored(d))} | ${md(findingsSummary(d.findings))} | \`${d.sha256 ?? 'not recorded'}\` |`);
    }
    lines.push('');
  }
  lines.push(`## Skipped files (${card.skipped.length})`, '');
  if (card.skipped.length) {
    lines.push('| Path | Reason | Detail |', '|---|---|---|');
    for (const s of card.skipped) lines.push(`| ${md(reportPath(s.path, cwd))} | ${md(s.reason)} | ${md(s.detail ?? '')} |`);
  } else lines.push('Discovery passed over no file.');
  return `${lines.join('\n')}\n`;
}
