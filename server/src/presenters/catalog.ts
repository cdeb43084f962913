// `dicomsec rules`: the catalogue as a table for people, JSON for tools, Markdown for docs.
import type { CatalogRule, RulePack } from '../rules/rule.js';

export function formatRuleCatalog(rules: CatalogRule[], packs: RulePack[], format: 'table' | 'json' | 'markdown', color = false): string {
  if (format === 'json') {
    return `${JSON.stringify({ packs: packs.map(({ file: _f, rules: _r, ...p }) => p), rules }, null, 2)}\n`;
  }
  if (format === 'markdown') {
    const out: string[] = ['# dicomsec rules', ''];
    for (const pack of packs) {
      const own = rules.filter((r) => r.pack === pack.pack);
      if (!own.length) continue;
      out.push(`## ${pack.title} (\`${pack.pack}\`)`, '', pack.description ?? '', '');
      for (const r of own) {
        const fw = Object.entries(r.frameworks).map(([k, v]) => `${k}: ${(v ?? []).join(', ')}`).join('; ');
        out.push(`### ${r.id}: ${r.title}`, '', `*${r.severity}*, applies to ${r.appliesTo}${r.groupTitle ? `, ${r.groupTitle}` : ''}. ${fw}`, '', r.help ?? r.rationale, '', `**Remediation.** ${r.remediation}`, '', `**Ask the vendor.** ${r.question}`, '', `**RFP clause.** ${r.rfpClause}`, '');
      }
    }
    return `${out.join('\n')}\n`;
  }
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const lines: string[] = [];
  for (const pack of packs) {
    const own = rules.filter((r) => r.pack === pack.pack);
    if (!own.length) continue;
    lines.push(bold(`${pack.pack}: ${pack.title} (${own.length} rules)`));
    const idWidth = Math.max(...own.map((r) => r.id.length));
    for (const r of own) lines.push(`  ${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.appliesTo.padEnd(21)}  ${r.title}`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
