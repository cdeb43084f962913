// Rule explanations in Markdown: the hover on a finding and the rule's documentation page.
import type { Finding } from '../core/findings.js';
import { describeEvidence } from '../presenters/location.js';
import type { RuleInfo } from '../rules/rule.js';

export const FRAMEWORK_NAMES: Record<string, string> = {
  'nsa-mnp': 'NSA Manageable Network Plan',
  'nist-800-53': 'NIST SP 800-53 Rev. 5',
  'iec-80001-2-2': 'IEC TR 80001-2-2',
  wg14: 'DICOM WG-14 checklist',
};

function frameworkLines(frameworks: Record<string, string[] | undefined>): string[] {
  const rows = Object.entries(frameworks).filter(([, ids]) => ids && ids.length);
  if (!rows.length) return [];
  return ['| Framework | Controls |', '|---|---|', ...rows.map(([k, ids]) => `| ${FRAMEWORK_NAMES[k] ?? k} | ${ids!.join(', ')} |`)];
}

function esc(text: string): string {
  return text.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
}

export function findingHover(f: Finding, rule: RuleInfo | undefined, waived: boolean): string {
  const out: string[] = [];
  out.push(`**${f.ruleId}${rule ? ` — ${esc(rule.title)}` : ''}** · ${f.severity}${rule?.pack ? ` · pack \`${rule.pack}\`` : ''}`);
  out.push('', esc(f.message));
  if (waived && f.waiver) out.push('', `*Waived:* ${esc(f.waiver.justification)}${f.waiver.expires ? ` (until ${f.waiver.expires})` : ''}`);
  if (rule?.rationale) out.push('', `**Why it matters.** ${esc(rule.rationale)}`);
  const fw = frameworkLines({ ...(rule?.frameworks ?? {}), ...f.frameworks });
  if (fw.length) out.push('', ...fw);
  if (f.evidence.length) {
    out.push('', '**Evidence**');
    for (const e of f.evidence.slice(0, 6)) {
      out.push(`- ${esc(describeEvidence(e))}${e.quote ? `: “${esc(e.quote.replace(/\s+/g, ' ').slice(0, 200))}”` : ''}`);
    }
  }
  if (rule?.remediation) out.push('', `**Remediation.** ${esc(rule.remediation)}`);
  if (rule?.question) out.push('', `**Ask the vendor.** ${esc(rule.question)}`);
  return out.join('\n');
}

export function ruleDocumentation(rule: RuleInfo): string {
  const out: string[] = [];
  out.push(`# ${rule.id} — ${rule.title}`, '');
  out.push(`Severity **${rule.severity}** · applies to **${rule.appliesTo}** · pack \`${rule.pack}\`${rule.groupTitle ? ` · ${rule.groupTitle}` : ''}`, '');
  out.push('## Why it matters', '', rule.rationale, '');
  const fw = frameworkLines(rule.frameworks);
  if (fw.length) out.push('## Framework mapping', '', ...fw, '');
  out.push('## Remediation', '', rule.remediation, '');
  out.push('## Question for the vendor', '', `> ${rule.question}`, '');
  out.push('## RFP clause', '', `> ${rule.rfpClause}`, '');
  if (rule.help) out.push('## More', '', rule.help, '');
  if (rule.when) out.push('## Condition', '', '```cel', rule.when, '```', '');
  out.push('## Waiving it', '', 'Add a waiver with a justification to `.dicomsec.yaml`:', '', '```yaml', 'waivers:', `  - rule: ${rule.id}`, '    documents: vendors/acme/*.xlsx', '    justification: Compensating control — …', '    expires: 2026-12-31', '```', '');
  return out.join('\n');
}

export function catalogueDocument(rules: RuleInfo[]): string {
  const out = ['# dicomsec rule catalogue', '', `${rules.length} rules in force for this workspace.`, ''];
  const byPack = new Map<string, RuleInfo[]>();
  for (const r of rules) byPack.set(r.pack, [...(byPack.get(r.pack) ?? []), r]);
  for (const [pack, list] of byPack) {
    out.push(`## Pack \`${pack}\``, '', '| Rule | Severity | Applies to | Title |', '|---|---|---|---|');
    for (const r of list) out.push(`| [${r.id}](dicomsec-rule:/${r.id}.md) | ${r.severity} | ${r.appliesTo} | ${esc(r.title)} |`);
    out.push('');
  }
  return out.join('\n');
}
