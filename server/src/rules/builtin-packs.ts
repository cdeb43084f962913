// The shipped rule packs. Parsing 130 KB of YAML with positions costs a quarter of a second at
// every start, so the build validates the packs once and writes them as JSON next to the bundle
// (dist/builtin-packs.json, keyed by each YAML file's hash). At run time a pack whose YAML still
// has that hash is taken from the JSON; an edited pack is parsed and validated from its YAML.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRulesDir } from '../core/paths.js';
import { loadRulePack } from './pack.js';
import type { RulePack } from './rule.js';

export const COMPILED_PACKS_FILE = 'builtin-packs.json';

export interface CompiledPacks {
  packs: { file: string; sha256: string; pack: Omit<RulePack, 'file'> }[];
}

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export function builtinPackFiles(): string[] {
  const dir = builtinRulesDir();
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function compiledPacks(): CompiledPacks | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 3; i++) {
    const candidate = path.join(dir, COMPILED_PACKS_FILE);
    if (existsSync(candidate)) {
      try {
        return JSON.parse(readFileSync(candidate, 'utf8')) as CompiledPacks;
      } catch {
        return undefined; // a damaged file only costs the fast path
      }
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

/** Validates every shipped pack from its YAML (the build's step, and the slow path). */
export function compileBuiltinPacks(): CompiledPacks {
  return {
    packs: builtinPackFiles().map((file) => {
      const { file: _f, ...pack } = loadRulePack(file);
      return { file: path.basename(file), sha256: sha256(readFileSync(file)), pack };
    }),
  };
}

export function readBuiltinPacks(): RulePack[] {
  const compiled = compiledPacks();
  return builtinPackFiles().map((file) => {
    const hit = compiled?.packs.find((p) => p.file === path.basename(file));
    if (hit && hit.sha256 === sha256(readFileSync(file))) return { ...hit.pack, file };
    return loadRulePack(file);
  });
}
