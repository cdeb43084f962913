// `dicomsec rules`: the catalogue as a table for people, JSON for tools, Markdown for docs.
import type { CatalogRule, RequiredRole, RulePack } from '../rules/rule.js';
import { FACT_GLOSSARY } from '../documents/conformance/fact-glossary.js';

const ROLE_TEXT: Record<RequiredRole, string> = {
  network: 'networked',
  dimse: 'a DIMSE listener or initiator',
  listener: 'a DICOM listener',
  initiator: 'a DICOM initiator',
  webServer: 'a web server',
  webClient: 'a DICOMweb client',
};

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
        const premise = r.requires?.length ? ` Not applicable unless the product is ${r.requires.map((x) => ROLE_TEXT[x]).join(' or ')}.` : '';
        const when = r.applicableWhen ? ` Applies only when \`${r.applicableWhen}\`.` : '';
        out.push(`### ${r.id}: ${r.title}`, '', `*${r.severity}*, applies to ${r.appliesTo}${r.groupTitle ? `, ${r.groupTitle}` : ''}. ${fw}${premise}${when}`, '', r.help ?? r.rationale, '', `**Remediation.** ${r.remediation}`, '', `**Ask the vendor.** ${r.question}`, '', `**RFP clause.** ${r.rfpClause}`, '');
      }
    }
    out.push(...factGlossaryMarkdown());
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

/** The conformance-statement facts rules can read (`cs.<key>`), from the typed glossary. */
function factGlossaryMarkdown(): string[] {
  const cell = (t: string) => t.replace(/\|/g, '\\|');
  return [
    '## Conformance statement facts (`cs`)',
    '',
    'Booleans are true, false, or null when the statement is silent. Capability facts are derived from `cs.claims`, each with a polarity (supported, not-supported, optional, configurable, planned, unknown), a scope and the sentence that states it: "does not support TLS" makes `tls.supported` false, "TLS is optional" keeps it true and sets `tls.optional`.',
    '',
    '| key | type | meaning |',
    '|---|---|---|',
    ...FACT_GLOSSARY.map((f) => `| \`${f.key}\` | ${cell(f.type)} | ${cell(f.meaning)} |`),
    '',
  ];
}
