// The structure-aware mutators of scripts/fuzz.ts: their outputs stay well formed (so they get past
// the syntax check to the SBOM and advisory parsers) and still differ from their parents.
import { describe, expect, it } from 'vitest';
import { rng } from '../../scripts/hostile/generate.js';
import { mutateJson, mutateXml } from '../../scripts/fuzz.js';
import { contosoCsaf, contosoCycloneDx, contosoCycloneDxXml } from '../../scripts/samples/sbom.js';
import { parseXmlTree } from '../../server/src/readers/xml.js';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const dec = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('structure-aware fuzz mutations', () => {
  it('a JSON-tree mutation is always JSON and almost always a different document', () => {
    const rand = rng(4242);
    const seeds = [enc(JSON.stringify(contosoCycloneDx())), enc(JSON.stringify(contosoCsaf()))];
    let changed = 0;
    for (let i = 0; i < 300; i++) {
      const parent = seeds[i % 2]!;
      const child = mutateJson(parent, rand, seeds);
      expect(() => JSON.parse(dec(child)), `mutation ${i}`).not.toThrow();
      if (JSON.stringify(JSON.parse(dec(child))) !== JSON.stringify(JSON.parse(dec(parent)))) changed++;
    }
    expect(changed).toBeGreaterThan(240);
  });

  it('a JSON-tree mutation can name a member __proto__, and the text keeps it as a key', () => {
    const rand = rng(7);
    const seen = Array.from({ length: 400 }, () => dec(mutateJson(enc('{"a":{"b":1,"c":[1,2]}}'), rand))).filter((t) => t.includes('"__proto__":'));
    expect(seen.length).toBeGreaterThan(0);
  });

  it('an XML mutation of a CycloneDX BOM mostly stays well formed and mostly changes it', () => {
    const rand = rng(99);
    const seed = contosoCycloneDxXml();
    let wellFormed = 0;
    let changed = 0;
    for (let i = 0; i < 300; i++) {
      const child = dec(mutateXml(enc(seed), rand));
      if (child !== seed) changed++;
      try {
        parseXmlTree(child);
        wellFormed++;
      } catch {
        // hostile text such as &#0; is meant to be refused
      }
    }
    expect(wellFormed).toBeGreaterThan(270);
    expect(changed).toBeGreaterThan(240);
  });
});
