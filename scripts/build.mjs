// Bundles the CLI, the language server and the VS Code extension with esbuild.
// CLI and server are ESM with code splitting so the PDF stack loads only when a PDF is read.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const production = process.argv.includes('--production');
// dist/ is not wiped: tests may be running the previous build; esbuild overwrites what it writes.

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      cli: 'server/src/start.ts',
      server: 'server/src/lsp/server.ts',
      worker: 'server/src/worker.ts',
      'make-samples': 'scripts/make-samples.ts',
      'compile-packs': 'scripts/compile-packs.ts',
    },
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    external: ['@napi-rs/canvas'],
  }),
  build({
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist',
    format: 'cjs',
    external: ['vscode'],
  }),
]);

// Validate the shipped rule packs once and store them as JSON beside the bundle.
execFileSync(process.execPath, ['dist/compile-packs.mjs'], { stdio: 'inherit' });
