// Test files that spawn processes (the CLI, the language server) or start worker threads over the
// built bundles: they run in `npm test` only. Every other file is in the unit tier (`npm run
// test:unit`), which runs in-process, without a build and without the real corpus, under a guard
// that fails any child process (test/helpers/no-child-process.ts).
export const PROCESS_TIER = [
  'test/cli/**', // the CLI as a child process
  'test/lsp/**', // the language server over stdio; its worker pool over dist/
  'test/hostile/**', // hostile files through the CLI, the server and the worker pool
  'test/fuzz/readers.test.ts', // mutations through the parse pool
  'test/engine/builtin-packs.test.ts', // reads the compiled packs the build writes
];
