// `dicomsec report`: the scorecard report for a purchasing committee, one section per product
// (its MDS2 forms and statements, grouped as the cross checks pair them). The same review as lint
// (runReview: workers, budgets, cache), the same exit codes; only the presenter differs.
import path from 'node:path';
import { Option, type Command } from 'commander';
import { writeOutput } from '../core/output.js';
import { configResolver, reviewerConfig } from '../config/resolve.js';
import { catalogFor } from '../engine/review.js';
import { defaultJobs } from '../engine/worker-pool.js';
import { formatReportHtml } from '../presenters/report-html.js';
import { formatReportMarkdown } from '../presenters/report-md.js';
import { KNOWN_EXPLOITED_HELP, exitCodeFor, parseJobs, runReview, type FailOn, type RunOptions } from './shared.js';
import type { RegisterCommand } from './index.js';

const REPORT_FORMATS = { html: formatReportHtml, md: formatReportMarkdown } as const;

interface ReportOptions extends RunOptions {
  format: keyof typeof REPORT_FORMATS;
  output?: string;
  failOn?: FailOn;
  ignorePattern: string[];
}

export const registerReport: RegisterCommand = (program: Command) => {
  program
    .command('report')
    .description('write the scorecard report: per product an executive summary, a chart by NSA MNP milestone and WG-14 topic, findings with remediation and vendor questions, waivers, document hashes')
    .argument('<paths...>', 'files, folders or globs to review (forms and statements of one product are grouped)')
    .addOption(new Option('-f, --format <format>', 'html (self-contained, prints with every remediation) or md').choices(Object.keys(REPORT_FORMATS)).default('html'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1 (default: failOn of the governing configuration, else error)').choices(['error', 'warning', 'info', 'none']))
    .option('-c, --config <file>', 'the configuration to use (default: the nearest .dicomsec.yaml in the working directory or above it)')
    .option('--no-config', 'use the built-in defaults, no configuration file')
    .option('--known-exploited <file>', KNOWN_EXPLOITED_HELP)
    .option('-q, --quiet', 'no progress on standard error')
    .option('-j, --jobs <n>', `documents reviewed at once, each in its own worker (default: ${defaultJobs()})`, parseJobs)
    .option('--ignore-pattern <glob>', 'leave out files and folders matching this glob (repeatable; listed as skipped)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--cache', 'reuse unchanged reviews (as lint --cache)')
    .option('--cache-location <dir>', 'cache folder, outside the folders under review')
    .addHelpText(
      'after',
      `
A product is its MDS2 form(s) and conformance statement(s): documents whose manufacturer and
product names match (as for the cross-document checks, or paired in .dicomsec.yaml). Names,
versions and dates come from the documents' content, never from file names. Files are named
relative to the working folder (by name alone outside it), each with its SHA-256.

Exit codes as lint: 0 no findings at or above --fail-on; 1 findings at or above it; 2 usage error
or a document that could not be read (the report still lists it).

Examples:
  dicomsec report vendors/ -o scorecard.html
  dicomsec report samples/ --format md -o scorecard.md
  dicomsec report mds2.xlsx cs.pdf --fail-on none`,
    )
    .action(async (inputs: string[], opts: ReportOptions) => {
      const { report, source } = await runReview(inputs, opts);
      const catalog = catalogFor(path.resolve(inputs[0] ?? '.'), { config: source });
      // The run's configuration source goes along: it names the explicit pairs that group products.
      const text = REPORT_FORMATS[opts.format](report, { catalog }, { config: source });
      const governing = configResolver(source);
      const failOn = opts.failOn ?? ((docPath: string | undefined) => (docPath ? governing(docPath).config : reviewerConfig(source)).failOn ?? 'error');
      process.exitCode = exitCodeFor(report, failOn);
      await writeOutput(text, opts.output);
    });
};
