// The CLI's commands beyond lint, inspect, print-config, rules, init and lsp (cli.ts): one file
// each, registering itself on the program. A new command is a file here and one line below.
import type { Command } from 'commander';
import { registerCompare } from './compare.js';
import { registerReport } from './report.js';
import { registerExposure } from './exposure.js';
import { registerDiff } from './diff.js';
import { registerRfp } from './rfp.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerCompare,
  registerReport,
  registerExposure,
  registerDiff,
  registerRfp,
];
