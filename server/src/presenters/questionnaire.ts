// `--format questionnaire`: the follow-up questions to send each vendor, in Markdown, one per
// rule that found a gap, with the answers that prompted it. Ready to paste into an e-mail or RFP
// clarification round. Vendor text in it (product names, sections, quotes, file names) is escaped
// so it renders as the words it is: never a link, image, heading, HTML or table of its own.
import type { Finding } from '../core/findings.js';
import type { DocumentReview, ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import { kindOf } from '../documents/kinds.js';
import type { Catalog } from '../rules/catalog.js';
import { describeEvidence, relativePath } from './location.js';
import { markdownCode, markdownText } from './safe-text.js';

function vendorOf(d: DocumentReview): string {
  return d.model ? kindOf(d.model).title(d.model).join(', ') : '';
}

function questions(findings: Finding[], catalog: Catalog): string[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const out: string[] = [];
  for (const [ruleId, group] of byRule) {
    const rule = catalog.get(ruleId);
    if (!rule) continue;
    const refs = group
      .map((f) => f.evidence[0]!)
      .map((e) => `${markdownText(describeEvidence(e))}${e.quote ? ` (“${markdownText(e.quote.length > 60 ? `${e.quote.slice(0, 59)}…` : e.quote)}”)` : ''}`);
    const shown = refs.slice(0, 8).join('; ') + (refs.length > 8 ? `; and ${refs.length - 8} more` : '');
    out.push(`${out.length + 1}. **${rule.question}**\n   Regarding: ${shown}. _${rule.title}_ [${ruleId}]`);
  }
  return out;
}

export function formatQuestionnaire(report: ReviewReport, { catalog }: PresentOptions): string {
  const parts: string[] = ['# Vendor follow-up questions', ''];
  for (const d of report.documents) {
    if (d.status !== 'reviewed' || d.findings.length === 0) continue;
    const vendor = vendorOf(d);
    parts.push(`## ${markdownText(vendor || relativePath(d.path))}`, '', `Document: ${markdownCode(relativePath(d.path))}`, '', ...questions(d.findings, catalog), '');
  }
  if (report.crossFindings.length) parts.push('## Inconsistencies between documents', '', ...questions(report.crossFindings, catalog), '');
  const unreadable = report.documents.filter((d) => d.status === 'unreadable');
  if (unreadable.length) {
    parts.push('## Documents that could not be reviewed', '', ...unreadable.map((d) => `- ${markdownCode(relativePath(d.path))}: ${markdownText(d.error ?? '')}. Please provide a readable copy (text-based PDF or the original workbook).`), '');
  }
  return `${parts.join('\n')}\n`;
}
