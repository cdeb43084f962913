// Where things are, for every test: the repository root and the built CLI.
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The CLI bundle that vitest's globalSetup builds (test/helpers/build.ts). */
export const cliPath = path.join(repoRoot, 'dist', 'cli.mjs');
