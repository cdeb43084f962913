// vitest globalSetup: bundles the CLI, server and extension once per run, before any test file
// spawns them (building per file would race on dist/).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.js';

export default function setup(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
}
