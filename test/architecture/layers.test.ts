// The folders show the data flow, and imports follow it: a module may import from its own folder
// or from a lower layer, never from a higher one. A violation names the file and the import.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const SRC = path.join(repoRoot, 'server', 'src');

/**
 * Lower numbers sit lower. core/ (errors, findings, limits, globs) underlies everything; config/
 * (.dicomsec.yaml resolution, waivers) needs only core/, so it sits beside readers/ and is
 * visible to rules/ and above. Folders with the same rank must not import each other.
 */
export const LAYERS: Record<string, number> = {
  core: 0,
  config: 1,
  readers: 1,
  documents: 2,
  rules: 3,
  engine: 4,
  presenters: 5,
  lsp: 6,
  commands: 6.5, // one file per CLI command beyond cli.ts's own; cli.ts lists them
  '.': 7, // cli.ts and the bundle entries: the CLI starts the language server (`dicomsec serve`)
};

function layerOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? '.' : rel[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of a file, static and dynamic, type-only included. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!);
  return out;
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC + path.sep)) continue; // JSON schemas and rule packs under rules/
      const to = layerOf(target);
      if (to === from) continue;
      const rankFrom = LAYERS[from];
      const rankTo = LAYERS[to];
      if (rankFrom === undefined || rankTo === undefined || rankTo >= rankFrom) {
        found.push(`${path.relative(SRC, file)} (${from}) imports ${spec} (${to})`);
      }
    }
  }
  return found;
}

describe('import layers: core → readers → documents → rules → engine → presenters → cli/lsp', () => {
  it('every folder under server/src has a layer', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => LAYERS[f] === undefined)).toEqual([]);
  });

  it('no module imports from a higher layer or a sibling layer', () => {
    expect(violations()).toEqual([]);
  });

  it('finds imports in all their forms', () => {
    const text = [
      "import { a } from '../engine/a.js';",
      "import type { B } from '../presenters/b.js';",
      "export { c } from '../lsp/c.js';",
      "const d = await import('../rules/d.js');",
      "import '../readers/side-effect.js';",
      "import { e } from 'node:fs';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['../engine/a.js', '../presenters/b.js', '../lsp/c.js', '../rules/d.js', '../readers/side-effect.js']);
  });

  it('the client imports only the shared protocol from the server', () => {
    const client = path.join(repoRoot, 'client', 'src');
    const bad: string[] = [];
    for (const file of sourceFiles(client)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = path.resolve(path.dirname(file), spec);
        if (target.startsWith(client + path.sep)) continue;
        if (target.replace(/\.js$/, '.ts') !== path.join(SRC, 'lsp', 'protocol.ts')) bad.push(`${path.relative(repoRoot, file)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
