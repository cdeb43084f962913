// Documentation generated from the source must match it: the rule catalogue and the README's
// list of output formats.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../server/src/presenters/index.js';
import { formatRuleCatalog } from '../../server/src/presenters/catalog.js';
import { fullCatalog } from '../../server/src/rules/catalog.js';
import { TOOL_VERSION } from '../../server/src/core/version.js';
import { repoRoot } from '../helpers/corpus.js';

describe('generated documentation', () => {
  it('docs/rules.md is the current rule catalogue (regenerate with `npm run docs`)', () => {
    const catalog = fullCatalog();
    const expected = formatRuleCatalog(catalog.rules, catalog.packs, 'markdown');
    const actual = readFileSync(path.join(repoRoot, 'docs', 'rules.md'), 'utf8');
    expect(actual === expected, 'docs/rules.md is out of date: run `npm run docs`').toBe(true);
  });

  it('the README names every output format', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const f of FORMATS) expect(readme, f).toContain(`\`${f}\``);
  });

  it('the tool version matches package.json', () => {
    expect(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version).toBe(TOOL_VERSION);
  });
});
