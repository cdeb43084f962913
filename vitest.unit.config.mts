// `npm run test:unit`: the in-process tests, for the edit loop. No build, no child processes
// (test/helpers/no-child-process.ts fails any), none of the suites in test/helpers/tiers.ts, and
// no real corpus (its suites skip as they do in a clone without ../shared/corpus).
import { defineConfig } from 'vitest/config';
import { PROCESS_TIER } from './test/helpers/tiers.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...PROCESS_TIER, '**/node_modules/**'],
    setupFiles: ['test/helpers/no-child-process.ts'],
    env: { DICOMSEC_CORPUS: 'test/.tmp/no-corpus-in-the-unit-tier' },
    testTimeout: 30_000,
    pool: 'threads',
  },
});
