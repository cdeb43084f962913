// Real published documents live outside the repo (several have no licence to redistribute).
// Tests read them from ../shared/corpus when it exists and skip cleanly when it does not.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';

import { repoRoot } from './paths.js';

export { repoRoot };
export const corpusDir = process.env.DICOMSEC_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
export const hasCorpus = existsSync(corpusDir);
export const corpusPath = (...parts: string[]) => path.join(corpusDir, ...parts);

/**
 * `describe` when the shared corpus is present. Otherwise a skipped suite whose body never runs:
 * vitest runs a skipped suite's body to collect it, and corpus suites list the corpus there.
 */
export const describeCorpus: typeof describe = hasCorpus
  ? describe
  : ((name: string) => describe.skip(name, () => it.skip(`needs the shared corpus at ${corpusDir}`, () => {}))) as unknown as typeof describe;
