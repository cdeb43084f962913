// `dicomsec rfp`: a security requirements section for a request for proposal, written from the
// rule packs' RFP clauses (grouped by the packs' topics, each citing its frameworks), as Markdown
// to paste into a draft or as a Word document. Reads no vendor file.
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { writeOutput } from '../core/output.js';
import { fullCatalog } from '../rules/catalog.js';
import { clauseGroups, requirementsDocx, requirementsMarkdown } from '../presenters/rfp-requirements.js';
import type { RegisterCommand } from './index.js';

export const DEFAULT_RFP_PACKS = ['rfp-requirements'];

interface RfpOptions {
  packs?: string;
  format: 'md' | 'docx';
  output?: string;
}

/** The clauses of the named built-in packs, in pack order; an unknown pack is a usage error. */
export function rfpClauseGroups(packs: readonly string[]) {
  const catalog = fullCatalog();
  const known = catalog.packs.map((p) => p.pack);
  const unknown = packs.filter((p) => !known.includes(p));
  if (unknown.length) throw new UsageError(`unknown pack "${unknown[0]}" (packs: ${known.join(', ')})`);
  const groups = clauseGroups(packs.flatMap((pack) => catalog.rules.filter((r) => r.pack === pack)));
  if (groups.length === 0) throw new UsageError(`the pack${packs.length > 1 ? 's' : ''} ${packs.join(', ')} ha${packs.length > 1 ? 've' : 's'} no RFP clauses`);
  return groups;
}

export const registerRfp: RegisterCommand = (program: Command) => {
  program
    .command('rfp')
    .description('write a security requirements section for an RFP from the rule packs\u2019 clauses, grouped by topic, with citations')
    .option('--packs <ids>', `the built-in packs whose clauses to write, comma-separated (default: ${DEFAULT_RFP_PACKS.join(', ')})`)
    .addOption(new Option('-f, --format <format>', 'md (Markdown, to paste into a draft) or docx (a Word document)').choices(['md', 'docx']).default('md'))
    .option('-o, --output <file>', 'write the section to a file instead of standard output (needed for docx on a terminal)')
    .addHelpText(
      'after',
      `
Each clause is the rfpClause of one rule, in the project's own words, citing the frameworks it maps
to (NIST SP 800-53 controls, IEC TR 80001-2-2 capabilities, NSA MNP milestones, the FDA premarket
cybersecurity guidance's labelling and SBOM items, HSCC Model Contract Language topics). The output
is itself an RFP section: \`dicomsec lint\` finds no requirement of the rfp-requirements pack missing
in it. The clauses of the nsa-mnp and wg14-checklist packs are the requirements their MDS2 and
statement rules look for.

Examples:
  dicomsec rfp > security-requirements.md
  dicomsec rfp --format docx -o security-requirements.docx
  dicomsec rfp --packs rfp-requirements,wg14-checklist -o all-clauses.md`,
    )
    .action(async (opts: RfpOptions) => {
      const packs = opts.packs ? opts.packs.split(',').map((p) => p.trim()).filter(Boolean) : DEFAULT_RFP_PACKS;
      if (packs.length === 0) throw new UsageError('--packs names no pack');
      if (opts.format === 'docx' && !opts.output && process.stdout.isTTY) throw new UsageError('--format docx writes a Word document: name the file with -o requirements.docx');
      const groups = rfpClauseGroups(packs);
      await writeOutput(opts.format === 'docx' ? requirementsDocx(groups) : requirementsMarkdown(groups), opts.output);
    });
};
