// `dicomsec exposure`: the network exposure plan of the products the documents describe (a
// statement and an MDS2 form of one product read together), as a table or a draft allow-list.
import { Option, type Command } from 'commander';
import { writeOutput } from '../core/output.js';
import { conflictCount, exposureInPool } from '../engine/exposure.js';
import { EXPOSURE_FORMAT_NAMES, EXPOSURE_FORMATS, presentExposure, type ExposureFormat } from '../presenters/exposure.js';
import { relativePath } from '../presenters/location.js';
import { terminalText } from '../presenters/safe-text.js';
import type { RegisterCommand } from './index.js';
import { createReviewPool, parseJobs, runReview, type RunOptions } from './shared.js';

interface ExposureOptions extends RunOptions {
  format: ExposureFormat;
  output?: string;
}

export const registerExposure: RegisterCommand = (program: Command) => {
  program
    .command('exposure')
    .description('network exposure plan: every port, protocol, direction, TLS and AE title the documents disclose, and what they leave unknown')
    .argument('<paths...>', "a product's conformance statement and MDS2 form (files, folders or globs; one table per product)")
    .addOption(new Option('-f, --format <format>', 'output format (see Formats below)').choices([...EXPOSURE_FORMAT_NAMES]).default('md'))
    .option('-o, --output <file>', 'write the plan to a file instead of standard output')
    .option('-c, --config <file>', 'the configuration to use (pairs: of forms and statements), as for lint')
    .option('--no-config', 'use the built-in defaults, no configuration file')
    .option('-q, --quiet', 'no progress on standard error')
    .option('-j, --jobs <n>', 'documents read at once, each in its own worker', parseJobs)
    .addHelpText(
      'after',
      `
Formats:
${EXPOSURE_FORMAT_NAMES.map((f) => `  ${f.padEnd(10)} ${EXPOSURE_FORMATS[f].label}`).join('\n')}

A statement and an MDS2 form of the same product (same manufacturer and product name, or paired in
.dicomsec.yaml) are read together: rows naming the same port merge and keep both evidences, and
where the documents disagree (TLS on a port, remote service) the plan says so. Every row cites its
evidence; what the documents do not state is marked "not stated". The allow-lists are drafts:
nftables and MUD use placeholder addresses and URL you must replace, and never open "any".

Exit codes: 0 plan written; 1 the documents contradict each other (see the conflicts); 2 usage
error or a document that could not be read (the plan lacks it).

Examples:
  dicomsec exposure vendor/cs.pdf vendor/mds2.xlsx
  dicomsec exposure vendor/ --format nftables -o vendor.nft
  dicomsec exposure cs.md mds2.xlsx --format mud -o device.mud.json`,
    )
    .action(async (inputs: string[], opts: ExposureOptions) => {
      const pool = createReviewPool(opts.jobs);
      try {
        const { report, source } = await runReview(inputs, { ...opts, pool });
        const plan = await exposureInPool(pool, report, { cwd: process.cwd(), config: source });
        for (const u of plan.unreadable) process.stderr.write(`dicomsec: ${terminalText(relativePath(u.path))}: unreadable: ${terminalText(u.error)}\n`);
        const text = presentExposure(opts.format, plan, {});
        process.exitCode = plan.unreadable.length ? 2 : conflictCount(plan) ? 1 : 0;
        await writeOutput(text, opts.output);
      } finally {
        await pool.close();
      }
    });
};
