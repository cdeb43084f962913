// `--format questionnaire`: the follow-up questions to send each vendor, in Markdown, one per
// rule that found a gap, with the answers that prompted it; one section per product (a statement
// in two formats asks once), documents named by file name. Ready to paste into an e-mail or RFP
// clarification round; `questionnaire-xlsx` is the same questions as a workbook to fill in.
// Vendor text in it (product names, sections, quotes, file names) is escaped so it renders as the
// words it is: never a link, image, heading, HTML or table of its own.
import type { ReviewReport } from '../engine/report.js';
import type { PresentOptions } from './presenter.js';
import { markdownCode, markdownText } from './safe-text.js';
import { questionnaireContent, type QuestionRow } from './questionnaire-rows.js';

const clipQuote = (q: string) => (q.length > 60 ? `${q.slice(0, 59)}…` : q);

function reference(row: QuestionRow): string {
  const where = [row.place, row.location].filter(Boolean).join(' ') || 'document';
  const quote = row.vendorSaid ? ` (“${markdownText(clipQuote(row.vendorSaid))}”)` : '';
  const documents = row.cross ? ` in ${row.documents.map(markdownCode).join(' and ')}` : '';
  return `${markdownText(where)}${quote}${documents}`;
}

/** Numbered questions, one per rule, each citing every place that prompted it. */
function questions(rows: QuestionRow[]): string[] {
  const byRule = new Map<string, QuestionRow[]>();
  for (const row of rows) byRule.set(row.ruleId, [...(byRule.get(row.ruleId) ?? []), row]);
  const out: string[] = [];
  for (const [ruleId, group] of byRule) {
    const refs = group.map(reference);
    const shown = refs.slice(0, 8).join('; ') + (refs.length > 8 ? `; and ${refs.length - 8} more` : '');
    out.push(`${out.length + 1}. **${group[0]!.question}**\n   Regarding: ${shown}. _${group[0]!.title}_ [${ruleId}]`);
  }
  return out;
}

export function formatQuestionnaire(report: ReviewReport, { catalog, cwd }: PresentOptions): string {
  const content = questionnaireContent(report, catalog, cwd);
  const parts: string[] = ['# Vendor follow-up questions', ''];
  for (const p of content.products) {
    const label = p.documents.length === 1 ? 'Document' : 'Documents';
    parts.push(`## ${markdownText(p.product)}`, '', `${label}: ${p.documents.map(markdownCode).join(', ')}`, '', ...questions(p.rows), '');
  }
  if (content.cross.length) parts.push('## Inconsistencies between documents', '', ...questions(content.cross), '');
  if (content.unreadable.length) {
    parts.push('## Documents that could not be reviewed', '', ...content.unreadable.map((u) => `- ${markdownCode(u.document)}: ${markdownText(u.error)}. Please provide a readable copy (text-based PDF or the original workbook).`), '');
  }
  return `${parts.join('\n')}\n`;
}
