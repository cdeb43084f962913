// Runs the built CLI as a separate process, always under the no-network guard: every CLI test
// also proves that the run touched no network. One helper instead of a copy per test file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { guardedRun } from './no-network.js';
import { cliPath, repoRoot } from './paths.js';

export interface CliOptions {
  cwd?: string;
  /** Added to the test process's environment. */
  env?: Record<string, string>;
  input?: string | Uint8Array;
  timeoutMs?: number;
  /** Run bin/dicomsec.cjs (the installed launcher) instead of dist/cli.mjs. */
  launcher?: boolean;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Network uses the guard blocked (each also ends the process with code 97). */
  net: string[];
  /** Peak resident memory in MB, when the process exited normally. */
  rssMb?: number;
}

const guardDir = path.join(repoRoot, 'test', '.tmp', `cli-guard-${process.pid}`);
let runs = 0;
process.on('exit', () => rmSync(guardDir, { recursive: true, force: true }));

function prepare(args: string[], options: CliOptions) {
  mkdirSync(guardDir, { recursive: true });
  const guard = guardedRun(guardDir, `run-${++runs}`);
  const script = options.launcher ? path.join(repoRoot, 'bin', 'dicomsec.cjs') : cliPath;
  return {
    guard,
    argv: [...guard.nodeArgs, script, ...args],
    spawnOptions: { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...guard.env, ...options.env } },
  };
}

/** The CLI, waited for synchronously. */
export function runCliSync(args: string[], options: CliOptions = {}): CliRun {
  const { guard, argv, spawnOptions } = prepare(args, options);
  const r = spawnSync(process.execPath, argv, { ...spawnOptions, encoding: 'utf8', input: options.input, timeout: options.timeoutMs ?? 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, net: guard.violations(), rssMb: guard.maxRssMb() };
}

/** The CLI, without blocking the test's event loop (for long runs and parallel runs). */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const { guard, argv, spawnOptions } = prepare(args, options);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, spawnOptions);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    child.on('close', (code) => resolve({ code, stdout, stderr, net: guard.violations(), rssMb: guard.maxRssMb() }));
  });
}
