// `npm run bench`: builds dicomsec, bundles the benchmark (bench/bench.ts) into bench/.work/ and
// runs it. Results go to bench/RESULTS.md. Works from a fresh clone after `npm install`.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
mkdirSync('bench/.work', { recursive: true });
await build({
  entryPoints: ['bench/bench.ts'],
  outfile: 'bench/.work/bench.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  logLevel: 'warning',
  packages: 'external',
  // Modules shared with the tests (the LSP harness) locate the repository from __dirname.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __dirname = __fu(new URL('.', import.meta.url));",
  },
});
execFileSync(process.execPath, ['bench/.work/bench.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
