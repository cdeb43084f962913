// setupFile of the unit tier: any child process fails the test that starts it, naming the tier
// list to move the file to (test/helpers/tiers.ts). Patched on the CommonJS module and synced to
// the ESM named exports, so `import { spawnSync } from 'node:child_process'` is caught too.
import { createRequire } from 'node:module';
import { syncBuiltinESMExports } from 'node:module';

const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = () => {
    throw new Error(`unit tier: ${name}() starts a child process; list this test file in PROCESS_TIER (test/helpers/tiers.ts)`);
  };
}
syncBuiltinESMExports();
