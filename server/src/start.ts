// The CLI's entry (dist/cli.mjs): starts the first worker, then loads the CLI. A worker's isolate,
// its review modules and the workbook reader load on a second core while this thread loads the
// CLI's own module graph (commander, config, presenters) and finds the documents, instead of
// after it. Only for the commands that will use a worker, and not with --cache, whose unchanged
// runs need none.
import { prewarmWorker } from './engine/worker-pool.js';

const [command, ...rest] = process.argv.slice(2);
const wantsWorker =
  (command === 'lint' || command === 'inspect') && !rest.some((a) => a === '-h' || a === '--help' || a === '--cache' || a.startsWith('--cache-location'));
if (wantsWorker) {
  try {
    prewarmWorker();
  } catch {
    // No worker bundle: the pool reports that when it is needed.
  }
}
await import('./cli.js');
