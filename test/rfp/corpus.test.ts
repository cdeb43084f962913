// No real published document in the shared corpus (conformance statements, MDS2 forms, the
// DICOM standard's templates) is taken for an RFP draft. Skips without ../shared/corpus.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { rfpSignals } from '../../server/src/documents/rfp/recognise.js';
import { readSource } from '../../server/src/readers/read.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';

const DOCUMENT = /\.(?:md|rst|txt|tex|pdf|odt|docx|html?|xlsx|csv)$/i;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : DOCUMENT.test(name) ? [full] : [];
  });
}

describeCorpus('RFP recognition over the shared corpus', () => {
  it('recognises no corpus document as an RFP draft', async () => {
    const all = files(corpusDir);
    expect(all.length).toBeGreaterThan(20);
    const rfps: string[] = [];
    let read = 0;
    for (const file of all) {
      let source;
      try {
        source = await readSource(file, new Uint8Array(readFileSync(file)));
      } catch {
        continue; // unreadable files are the readers' tests' concern
      }
      read++;
      if (source.kind === 'text' && rfpSignals(source).isRfp) rfps.push(path.relative(corpusDir, file));
    }
    expect(read).toBeGreaterThan(20);
    expect(rfps).toEqual([]);
  }, 120_000);
});
