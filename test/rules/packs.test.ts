// Every shipped pack (each rules/*.yaml) is under the fixture suite: it has a fixture file, a test
// file that runs definePackSuite on it, and at least one fail and one pass case for every rule. A
// pack added to rules/ without them fails here, whether or not anyone wrote its test file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFile, loadPack, PACKS, rulesWithoutCases } from './harness.js';

describe('every shipped rule pack has fixtures', () => {
  it('finds the packs in rules/ (not a hand list)', () => {
    expect(PACKS).toEqual(expect.arrayContaining(['nsa-mnp', 'rfp-requirements', 'supply-chain', 'wg14-checklist']));
    for (const p of PACKS) expect(loadPack(p).pack, `rules/${p}.yaml names its pack after its file`).toBe(p);
  });

  for (const pack of PACKS) {
    describe(pack, () => {
      it('has a fixture file and a test file that runs the pack suite', () => {
        expect(existsSync(fixtureFile(pack)), `test/rules/fixtures/${pack}.cases.yaml`).toBe(true);
        const testFile = path.join(__dirname, `${pack}.test.ts`);
        expect(existsSync(testFile), `test/rules/${pack}.test.ts`).toBe(true);
        expect(readFileSync(testFile, 'utf8')).toContain(`definePackSuite('${pack}')`);
      });

      it('gives every rule at least one fail and one pass case', () => {
        expect(rulesWithoutCases(pack), 'rules without fail and pass fixtures').toEqual([]);
      });
    });
  }
});
