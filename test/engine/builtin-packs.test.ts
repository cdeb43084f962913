import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPackFiles, compileBuiltinPacks, readBuiltinPacks, sha256 } from '../../server/src/rules/builtin-packs.js';
import { loadRulePack } from '../../server/src/rules/pack.js';
import { repoRoot } from '../helpers/corpus.js';

describe('shipped rule packs', () => {
  it('compile to JSON that holds exactly what the YAML says, keyed by the YAML hash', () => {
    const compiled = compileBuiltinPacks();
    expect(compiled.packs.map((p) => p.file)).toEqual(['nsa-mnp.yaml', 'rfp-requirements.yaml', 'supply-chain.yaml', 'wg14-checklist.yaml']);
    for (const entry of compiled.packs) {
      const file = path.join(repoRoot, 'rules', entry.file);
      expect(entry.sha256).toBe(sha256(readFileSync(file)));
      const { file: _f, ...fromYaml } = loadRulePack(file);
      expect(entry.pack).toEqual(fromYaml);
    }
  });

  it('the build wrote the compiled packs and run time reads the same rules', () => {
    const built = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'builtin-packs.json'), 'utf8'));
    expect(built).toEqual(JSON.parse(JSON.stringify(compileBuiltinPacks())));
    const packs = readBuiltinPacks();
    expect(packs.map((p) => p.file)).toEqual(builtinPackFiles());
    expect(packs.flatMap((p) => p.rules.map((r) => r.id)).length).toBeGreaterThan(100);
  });
});
