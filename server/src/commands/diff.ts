// `dicomsec diff old new`: two revisions of one product's form or statement. Both are reviewed as
// lint reviews them (commands/shared.ts runReview); engine/diff.ts sets them against each other,
// presenters/diff-*.ts print it. Exit 1 only for gaps the new revision opened.
import path from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { writeOutput } from '../core/output.js';
import { severityRank } from '../core/findings.js';
import { reviewerConfig } from '../config/resolve.js';
import { diffRevisions } from '../engine/diff.js';
import { catalogFor } from '../engine/review.js';
import { DIFF_FORMAT_NAMES, DIFF_FORMATS, type DiffFormat } from '../presenters/diff-formats.js';
import { relativePath } from '../presenters/location.js';
import { terminalText } from '../presenters/safe-text.js';
import type { RegisterCommand } from './index.js';
import { KNOWN_EXPLOITED_HELP, runReview, useColor, type FailOn, type RunOptions } from './shared.js';

interface DiffCommandOptions extends RunOptions {
  format: DiffFormat;
  failOn?: FailOn;
  output?: string;
}

export const registerDiff: RegisterCommand = (program) => {
  program
    .command('diff')
    .description('what changed between two revisions of a product\'s MDS2 form or conformance statement: answers, facts, notes, gaps opened and closed')
    .argument('<old>', 'the earlier revision (a file)')
    .argument('<new>', 'the later revision (a file of the same kind)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMAT_NAMES).default('stylish'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity of a NEW gap that makes the exit code 1 (default: failOn of your configuration, else error)').choices(['error', 'warning', 'info', 'none']))
    .option('-o, --output <file>', 'write the diff to a file instead of standard output')
    .option('-c, --config <file>', 'the configuration to use (default: the nearest .dicomsec.yaml in the working directory or above it)')
    .option('--no-config', 'use the built-in defaults, no configuration file')
    .option('--known-exploited <file>', KNOWN_EXPLOITED_HELP)
    .option('-q, --quiet', 'no progress on standard error')
    .addHelpText(
      'after',
      `
Formats:
${DIFF_FORMAT_NAMES.map((f) => `  ${f.padEnd(8)} ${DIFF_FORMATS[f].label}`).join('\n')}

Findings are matched on rule + question ID or section (as SARIF fingerprints are), so a gap that
only moved to another cell is not new. With --format sarif every result carries baselineState:
new, unchanged or updated, and the old revision's gaps that are gone are results marked absent.

Exit codes: 0 no new gap at or above --fail-on (gaps that were already there do not count); 1 a new
gap at or above it; 2 usage error (two different kinds of document), or a revision that could not
be read. A notice on standard error says when the revisions look like different products.

Examples:
  dicomsec diff vendors/acme/mds2-2024.xlsx vendors/acme/mds2-2025.xlsx
  dicomsec diff cs-v8.0.pdf cs-v8.1.pdf --format md -o changes.md
  dicomsec diff old.xlsx new.xlsx --format sarif -o dicomsec.sarif --fail-on warning`,
    )
    .action(async (oldFile: string, newFile: string, opts: DiffCommandOptions) => {
      const [oldPath, newPath] = [path.resolve(oldFile), path.resolve(newFile)];
      if (oldPath === newPath) throw new UsageError('diff needs two different files');
      const { report, source } = await runReview([oldPath, newPath], opts);
      const [oldDoc, newDoc] = [oldPath, newPath].map((p) => report.documents.find((d) => d.path === p));
      const unreadable = [oldDoc, newDoc].filter((d) => !d || d.status === 'unreadable');
      if (unreadable.length || !oldDoc || !newDoc) {
        for (const d of unreadable) process.stderr.write(`dicomsec: ${terminalText(relativePath(d?.path))}: unreadable: ${terminalText(d?.error ?? 'not reviewed')}\n`);
        process.exitCode = 2;
        return;
      }
      const diff = diffRevisions(oldDoc, newDoc);
      for (const n of diff.notices) process.stderr.write(`dicomsec: notice: ${terminalText(n)}\n`);
      const failOn = opts.failOn ?? reviewerConfig(source).failOn ?? 'error';
      const regressions = diff.findings.opened.filter((f) => !f.waiver && failOn !== 'none' && severityRank(f.severity) >= severityRank(failOn));
      process.exitCode = regressions.length ? 1 : 0;
      const catalog = catalogFor(newPath, { config: source });
      const text = DIFF_FORMATS[opts.format].present(diff, { catalog, report, cwd: process.cwd(), color: !opts.output && useColor(process.stdout) });
      await writeOutput(text, opts.output);
    });
};
