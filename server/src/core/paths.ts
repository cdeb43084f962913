// Where the shipped rule packs are: next to the bundle (dist/../rules) or the sources.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function builtinRulesDir(): string {
  if (cached) return cached;
  const override = process.env.DICOMSEC_RULES_DIR;
  if (override) return (cached = path.resolve(override));
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'rules');
    if (existsSync(path.join(candidate, 'schema', 'rule-pack.schema.json'))) return (cached = candidate);
    dir = path.dirname(dir);
  }
  throw new Error('dicomsec: the built-in rules folder is missing from this installation');
}
