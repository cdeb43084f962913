// `dicomsec`: the command-line face of the engine. Exit codes: 0 clean, 1 findings at or above
// the --fail-on threshold, 2 usage error or any document that could not be read. A closed pipe
// (`| head`) ends quietly with the exit code the review earned; a full disk is one line and 2.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { UnreadableError, UsageError } from './core/errors.js';
import { guardStdio, OutputClosedError, OutputFailedError, writeOutput } from './core/output.js';
import { limits, limitsProblem } from './core/limits.js';
import { readStreamBounded } from './core/read-file.js';
import { TOOL_VERSION } from './core/version.js';
import { CONFIG_FILE_NAMES } from './config/config.js';
import { configResolver, reviewerConfig } from './config/resolve.js';
import { readDocumentBytes, catalogFor, STDIN_INPUT } from './engine/review.js';
import { createWorkerPool, defaultJobs } from './engine/worker-pool.js';
import { FORMATS, formatReport, PRESENTERS } from './presenters/index.js';
import { outputTargets } from './commands/outputs.js';
import { inspectModel } from './presenters/inspect.js';
import { formatRuleCatalog } from './presenters/catalog.js';
import { fullCatalog } from './rules/catalog.js';
import { terminalText } from './presenters/safe-text.js';
import { COMMANDS } from './commands/index.js';
import { KNOWN_EXPLOITED_HELP, configSource, exitCodeFor, parseJobs, runReview, useColor, type FailOn, type RunOptions } from './commands/shared.js';

export { exitCodeFor } from './commands/shared.js';

const emit = writeOutput;

interface LintOptions extends RunOptions {
  format: string[];
  output: string[];
  failOn?: FailOn;
  maxWarnings?: number;
  ignorePattern: string[];
  sarifRoot?: string;
  stdinFilename?: string;
  absolutePaths?: boolean;
  color?: boolean;
  verbose?: boolean;
}

const collect = (value: string, all: string[]) => [...all, value];

function parseMaxWarnings(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--max-warnings must be a whole number, 0 or more, not "${value}"`);
  return n;
}

/** The document `-` stands for: standard input, read under the file-size limit, reported under --stdin-filename. */
function stdinDocument(inputs: string[], name: string | undefined): RunOptions['stdin'] {
  const count = inputs.filter((i) => i === STDIN_INPUT).length;
  if (count === 0) {
    if (name !== undefined) throw new UsageError('--stdin-filename names the document read from standard input: give - as a path too');
    return undefined;
  }
  if (count > 1) throw new UsageError('standard input (-) can be given once');
  if (name !== undefined && (name.trim() === '' || name.endsWith('/') || name.endsWith(path.sep))) throw new UsageError(`--stdin-filename must name a file, not "${name}"`);
  return { name: name ?? '<stdin>', read: () => readStreamBounded(process.stdin, limits.maxFileBytes) };
}

/** --sarif-root as an absolute folder; a missing one is a usage error, not URIs relative to nothing. */
function sarifRoot(option: string | undefined): string | undefined {
  if (option === undefined) return undefined;
  const dir = path.resolve(option);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--sarif-root: ${option} is not a folder`);
  return dir;
}

function buildProgram(): Command {
  const program = new Command('dicomsec')
    .description('Reviews MDS2 forms and DICOM Conformance Statements for security gaps (NSA Manageable Network Plan, DICOM WG-14).')
    .version(TOOL_VERSION, '-v, --version')
    .showHelpAfterError('(run "dicomsec --help" for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  program
    .command('lint')
    .description('review documents: files, folders (searched recursively), globs, or - for standard input')
    .argument('<paths...>', 'files, folders or globs to review (each document kind is recognised from its content); - reads one document from standard input')
    .option('-f, --format <format>', 'output format (see Formats below; repeatable, each with its own -o)', collect, [] as string[])
    .option('-o, --output <file>', 'write the report to a file instead of standard output; missing folders are created (repeatable: the n-th -o is for the n-th -f)', collect, [] as string[])
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1 (default: failOn of the governing configuration, else error); JUnit fails only these').choices(['error', 'warning', 'info', 'none']))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings, whatever --fail-on says (as ESLint)', parseMaxWarnings)
    .option('-c, --config <file>', 'the configuration to use (default: the nearest .dicomsec.yaml in the working directory or above it)')
    .option('--no-config', 'use the built-in defaults, no configuration file')
    .option('--verbose', 'stylish: show the vendor question and the remediation under each finding')
    .option('--color', 'colour the stylish report even when standard output is no terminal, or NO_COLOR is set')
    .option('--no-color', 'never colour the stylish report (default: colour on a terminal unless NO_COLOR is set)')
    .option('--absolute-paths', 'write absolute paths instead of paths relative to the working directory (stylish, JUnit; SARIF: file: URIs; JSON paths are absolute)')
    .option('--sarif-root <dir>', 'SARIF: the folder artifact URIs are relative to, as %SRCROOT% (default: the working directory; use the repository root for GitHub code scanning)')
    .option('--stdin-filename <name>', 'the name the document read from standard input (-) is reported under; its extension tells text formats apart and its folder picks the configuration')
    .option('-q, --quiet', 'no progress on standard error')
    .option('-j, --jobs <n>', `documents reviewed at once, each in its own worker (default: ${defaultJobs()})`, parseJobs)
    .option('--ignore-pattern <glob>', 'leave out files and folders matching this glob, relative to the current folder (repeatable; listed as skipped)', collect, [] as string[])
    .option('--questionnaire <file>', 'a filled-in vendor questionnaire (from --format questionnaire-xlsx) whose reviewer decisions count: accepted rows become waivers (repeatable)', collect, [] as string[])
    .option('--known-exploited <file>', KNOWN_EXPLOITED_HELP)
    .option('--cache', 'reuse the review of a document whose bytes, configuration and rule packs did not change, for the same day (content-hash cache)')
    .option('--no-cache', 'do not use the cache (default)')
    .option('--cache-location <dir>', 'cache folder, outside the folders under review (default: the user cache folder, e.g. ~/.cache/dicomsec)')
    .addHelpText(
      'after',
      `
Formats:
${FORMATS.map((f) => `  ${f.padEnd(14)} ${PRESENTERS[f].label}`).join('\n')}

Exit codes: 0 no findings at or above --fail-on (and no more warnings than --max-warnings); 1 findings at or above it, or too many warnings; 2 usage error, a document that could not be read (empty standard input too), or a report that could not be written (a full disk). A reader that closes the pipe early (| head) does not change the exit code.

Paths are relative to the working directory (stylish, JUnit, HTML, questionnaire; JSON keeps
absolute paths for tools); --absolute-paths writes them absolute. SARIF URIs are relative to
--sarif-root (default: the working directory) under %SRCROOT%.

Configuration comes from your side: --config, else the nearest .dicomsec.yaml in the working
directory or above it. A .dicomsec.yaml inside the reviewed folders is not applied (a notice names
it) unless your configuration lists it under trustNestedConfigs. See "dicomsec print-config".

Examples:
  dicomsec lint vendors/
  dicomsec lint mds2.xlsx cs.pdf --fail-on warning
  dicomsec lint vendors/ --verbose                      (the vendor question and remediation under each finding)
  dicomsec lint "vendors/**/*.xlsx" --format sarif -o dicomsec.sarif
  dicomsec lint docs/vendors -f sarif --sarif-root . -o results.sarif   (GitHub code scanning)
  dicomsec lint vendors/ -f json -o out/review.json -f junit -o out/junit.xml   (one run, two reports)
  dicomsec lint vendors/ --fail-on error --max-warnings 10
  dicomsec lint vendors/acme/ -f questionnaire-xlsx -o acme-questions.xlsx      (ask the vendor)
  dicomsec lint vendors/acme/ --questionnaire acme-questions-answered.xlsx      (read it back)
  dicomsec lint vendors/acme/ --known-exploited known_exploited_vulnerabilities.json  (CISA KEV)
  unzip -p acme-bundle.zip cs.pdf | dicomsec lint - --stdin-filename acme/cs.pdf`,
    )
    .action(async (inputs: string[], opts: LintOptions) => {
      // `-f questionnaire -o questions.xlsx` asks for the workbook by its file name.
      const targets = outputTargets(opts.format, opts.output).map((t) => (t.format === 'questionnaire' && t.output && /\.xlsx$/i.test(t.output) ? { ...t, format: 'questionnaire-xlsx' as const } : t));
      for (const t of targets) if (!t.output && PRESENTERS[t.format].extension === 'xlsx' && process.stdout.isTTY) throw new UsageError(`--format ${t.format} writes a workbook: give -o FILE.xlsx`);
      const root = sarifRoot(opts.sarifRoot);
      const stdin = stdinDocument(inputs, opts.stdinFilename);
      const { report, source } = await runReview(inputs, { ...opts, stdin });
      const catalog = catalogFor(path.resolve(inputs.find((i) => i !== STDIN_INPUT) ?? stdin?.name ?? '.'), { config: source });
      // The threshold comes from the same resolution as the rules, ignore globs and waivers.
      const governing = configResolver(source);
      const failOn = opts.failOn ?? ((docPath: string | undefined) => (docPath ? governing(docPath).config : reviewerConfig(source)).failOn ?? 'error');
      // Set before writing: a reader that stops early (`| head`) does not change the verdict.
      process.exitCode = exitCodeFor(report, failOn);
      const warnings = report.summary.findings.warning;
      if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
        process.stderr.write(`dicomsec: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
        if (process.exitCode === 0) process.exitCode = 1;
      }
      for (const { format, output } of targets) {
        const color = opts.color ?? (!output && useColor(process.stdout));
        // Lines fit the terminal they are printed on; a file or a pipe gets 80 columns.
        const width = !output && process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : undefined;
        const text = formatReport(format, report, { catalog, color, sarifRoot: root, absolutePaths: !!opts.absolutePaths, failOn, verbose: !!opts.verbose, width });
        await emit(text, output);
      }
    });

  program
    .command('inspect')
    .description('print the parsed model of one document (what the rules see)')
    .argument('<file>', 'an MDS2 form or a conformance statement')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json']).default('json'))
    .action(async (file: string) => {
      const abs = path.resolve(file);
      // Parsed in the worker pool, under the same budgets as lint.
      const pool = createWorkerPool({ size: 1, prewarm: 1, log: process.env.DICOMSEC_DEBUG ? (m) => process.stderr.write(`${m}\n`) : undefined });
      try {
        const doc = await pool.parse(abs, await readDocumentBytes(abs));
        await emit(`${JSON.stringify(inspectModel(doc.model), null, 2)}\n`);
      } catch (err) {
        if (err instanceof UnreadableError) {
          process.stderr.write(`dicomsec: ${terminalText(file)}: unreadable: ${terminalText(err.message)}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      } finally {
        await pool.close();
      }
    });

  program
    .command('print-config')
    .description('print the configuration that governs a file, resolved (JSON), as ESLint\'s --print-config')
    .argument('<file>', 'a document (or folder) path; it need not exist')
    .option('-c, --config <file>', 'the configuration to use (default: the nearest .dicomsec.yaml in the working directory or above it)')
    .option('--no-config', 'use the built-in defaults, no configuration file')
    .option('--known-exploited <file>', 'the known-exploited list to report as in force, as lint --known-exploited')
    .action(async (file: string, opts: { config?: string | false; knownExploited?: string }) => {
      const { resolvedConfigJson } = await import('./engine/print-config.js');
      await emit(`${JSON.stringify(resolvedConfigJson(path.resolve(file), configSource(opts.config), { knownExploited: opts.knownExploited && path.resolve(opts.knownExploited) }), null, 2)}\n`);
    });

  program
    .command('rules')
    .description('list the rule catalogue (every rule of the built-in packs)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--pack <pack>', 'only this pack')
    .option('-o, --output <file>', 'write the catalogue to a file instead of standard output')
    .action(async (opts: { format: 'table' | 'json' | 'markdown'; pack?: string; output?: string }) => {
      const catalog = fullCatalog();
      const rules = catalog.rules.filter((r) => !opts.pack || r.pack === opts.pack);
      if (opts.pack && rules.length === 0) throw new UsageError(`unknown pack "${opts.pack}" (packs: ${catalog.packs.map((p) => p.pack).join(', ')})`);
      await emit(formatRuleCatalog(rules, catalog.packs, opts.format, !opts.output && useColor(process.stdout)), opts.output);
    });

  program
    .command('init')
    .description('write a commented starter .dicomsec.yaml in the current folder')
    .option('--force', 'replace an existing .dicomsec.yaml')
    .action(async (opts: { force?: boolean }) => {
      const target = path.resolve(CONFIG_FILE_NAMES[0]!);
      if (!opts.force && CONFIG_FILE_NAMES.some((n) => existsSync(path.resolve(n)))) {
        throw new UsageError(`${path.basename(target)} already exists here (use --force to replace it)`);
      }
      const { starterConfig } = await import('./config/starter.js');
      await emit(starterConfig(fullCatalog().packs.map((p) => p.pack)), target);
      process.stderr.write(`wrote ${target}\n`);
    });

  program
    .command('lsp')
    .description('run the language server (for editors: VS Code, Neovim, Emacs, Helix, Zed)')
    .option('--stdio', 'talk over standard input/output (default)')
    .option('--node-ipc', 'talk over Node IPC')
    .action(async () => {
      const { startServer } = await import('./lsp/server.js');
      startServer();
    });

  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  guardStdio();
  const program = buildProgram();
  try {
    if (limitsProblem) throw new UsageError(limitsProblem);
    if (argv.length <= 2) {
      program.outputHelp();
      process.exitCode = 2;
      return;
    }
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof OutputClosedError) return; // exit code as already set: as if the output was read
    if (err instanceof UsageError || err instanceof OutputFailedError) {
      process.stderr.write(`dicomsec: ${terminalText(err.message)}\n`);
      process.exitCode = 2;
      return;
    }
    // A bug of ours, not bad input: say so in one line; the stack only when asked for.
    process.stderr.write(`dicomsec: internal error: ${terminalText((err as Error)?.message ?? String(err))}\n`);
    if (process.env.DICOMSEC_DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`);
    process.exitCode = 2;
  }
}

await main(process.argv);
