// The fictional conformance statements read back the same from Markdown and from PDF.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_SAMPLES, writeConformanceSamples } from '../../scripts/samples/conformance.js';
import { readSource } from '../../server/src/readers/read.js';
import type { TextSource } from '../../server/src/readers/source.js';

describe('conformance samples', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dicomsec-cs-'));
  const files = await writeConformanceSamples(dir);
  const read = async (f: string) => (await readSource(f, new Uint8Array(readFileSync(f)))) as TextSource;

  it('writes a Markdown and a PDF file per sample', () => {
    expect(files.map((f) => path.basename(f))).toEqual(
      CONFORMANCE_SAMPLES.flatMap((s) => [`${s.slug}.md`, `${s.slug}.pdf`]),
    );
  });

  it.each(CONFORMANCE_SAMPLES.map((s) => [s.slug, s] as const))('%s: same headings and table rows in both formats', async (_slug, sample) => {
    const md = await read(path.join(dir, `${sample.slug}.md`));
    const pdf = await read(path.join(dir, `${sample.slug}.pdf`));
    const expected = sample.blocks.flatMap((b) => (b.kind === 'heading' ? [[b.level, b.text]] : []));
    expect(md.lines.filter((l) => l.heading).map((l) => [l.heading, l.text])).toEqual(expected);
    expect(pdf.lines.filter((l) => l.heading).map((l) => [l.heading, l.text])).toEqual(expected);
    const rows = sample.blocks.flatMap((b) => (b.kind === 'table' ? [b.header, ...b.rows] : []));
    expect(md.lines.filter((l) => l.cells).map((l) => l.cells)).toEqual(rows);
    expect(pdf.lines.filter((l) => l.cells).map((l) => l.cells)).toEqual(rows);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
  });
});
