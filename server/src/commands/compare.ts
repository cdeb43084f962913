// `dicomsec compare`: N products side by side (MDS2 answers, statement facts, NSA MNP milestone
// scores). Reviewed as lint reviews (commands/shared.ts runReview); engine/compare.ts builds the
// comparison, presenters/compare-*.ts print it.
import path from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { writeOutput } from '../core/output.js';
import { compareProducts } from '../engine/compare.js';
import { catalogFor } from '../engine/review.js';
import { COMPARE_FORMAT_NAMES, COMPARE_FORMATS, presentComparison, type CompareFormat } from '../presenters/compare-formats.js';
import { relativePath } from '../presenters/location.js';
import { terminalText } from '../presenters/safe-text.js';
import type { RegisterCommand } from './index.js';
import { KNOWN_EXPLOITED_HELP, parseJobs, runReview, type RunOptions } from './shared.js';

interface CompareOptions extends RunOptions {
  format: CompareFormat;
  output?: string;
}

export const registerCompare: RegisterCommand = (program) => {
  program
    .command('compare')
    .description('compare products side by side: MDS2 answers, statement facts and a score per NSA MNP milestone')
    .argument('<paths...>', 'forms and statements of two or more products (files, folders or globs); a product\'s form and statement make one column')
    .addOption(new Option('-f, --format <format>', 'output format').choices(COMPARE_FORMAT_NAMES).default('html'))
    .option('-o, --output <file>', 'write the comparison to a file instead of standard output (needed for xlsx on a terminal)')
    .option('-c, --config <file>', 'the configuration to use (default: the nearest .dicomsec.yaml in the working directory or above it)')
    .option('--no-config', 'use the built-in defaults, no configuration file')
    .option('--known-exploited <file>', KNOWN_EXPLOITED_HELP)
    .option('-q, --quiet', 'no progress on standard error')
    .option('-j, --jobs <n>', 'documents reviewed at once, each in its own worker', parseJobs)
    .option('--ignore-pattern <glob>', 'leave out files and folders matching this glob (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--cache', 'reuse unchanged reviews (as lint --cache)')
    .option('--cache-location <dir>', 'cache folder (as lint --cache-location)')
    .addHelpText(
      'after',
      `
Formats:
${COMPARE_FORMAT_NAMES.map((f) => `  ${f.padEnd(6)} ${COMPARE_FORMATS[f].label}`).join('\n')}

Columns are products, named by manufacturer, product and version from the documents. Rows are
MDS2 questions by section, statement facts by group, and the rules of each NSA MNP milestone; rows
where products differ are marked (html: highlighted; xlsx: the Differs column). A milestone's score
is the share of its applicable rules that found no gap (see README, "dicomsec compare").

Exit codes: 0 compared; 2 usage error, fewer than two products, or a document that could not be
read (the comparison is still written, marked incomplete).

Examples:
  dicomsec compare vendors/contoso/ vendors/northwind/ -o comparison.html
  dicomsec compare a-mds2.xlsx a-cs.pdf b-mds2.xlsx b-cs.pdf --format md
  dicomsec compare vendors/ --format xlsx -o comparison.xlsx`,
    )
    .action(async (inputs: string[], opts: CompareOptions) => {
      if (opts.format === 'xlsx' && !opts.output && process.stdout.isTTY) throw new UsageError('--format xlsx writes a workbook: name the file with -o comparison.xlsx');
      const { report, source } = await runReview(inputs, opts);
      const catalog = catalogFor(path.resolve(inputs[0] ?? '.'), { config: source });
      const comparison = compareProducts(report, catalog, { config: source, cwd: process.cwd() });
      if (comparison.products.length < 2 && comparison.unreadable.length === 0) {
        const found = comparison.products.map((p) => `"${p.name}"`).join(', ') || 'none';
        throw new UsageError(`compare needs documents of at least two products (found ${comparison.products.length}: ${found})`);
      }
      process.exitCode = comparison.unreadable.length ? 2 : 0;
      for (const u of comparison.unreadable) process.stderr.write(`dicomsec: ${terminalText(relativePath(u.path))}: unreadable: ${terminalText(u.error)}\n`);
      await writeOutput(await presentComparison(opts.format, comparison, { cwd: process.cwd() }), opts.output);
    });
};
