// Build step: validates the shipped rule packs and writes them as JSON beside the bundle, so the
// CLI and the server do not parse YAML at every start. A broken pack fails the build.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILED_PACKS_FILE, compileBuiltinPacks } from '../server/src/rules/builtin-packs.js';

try {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), COMPILED_PACKS_FILE);
  writeFileSync(out, JSON.stringify(compileBuiltinPacks()));
} catch (err) {
  console.error(`rule packs: ${(err as Error).message}`);
  process.exit(1);
}
