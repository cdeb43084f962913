// Which report goes where: `-f` and `-o` may each be repeated, and pair up in order
// (`-f json -o a.json -f sarif -o a.sarif`). A pairing that could be read two ways is a usage
// error, never silently the last format given.
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { FORMATS, isFormat, PRESENTERS, type Format } from '../presenters/index.js';

export interface OutputTarget {
  format: Format;
  /** A file; absent: standard output. */
  output?: string;
}

const EXAMPLE = '-f json -o report.json -f sarif -o report.sarif';

export function outputTargets(formats: string[], outputs: string[]): OutputTarget[] {
  for (const f of formats) if (!isFormat(f)) throw new UsageError(`unknown format "${f}" (formats: ${FORMATS.join(', ')})`);
  const given = formats as Format[];
  if (given.length <= 1 && outputs.length <= 1) return [{ format: given[0] ?? 'stylish', ...(outputs[0] ? { output: outputs[0] } : {}) }];
  if (given.length !== outputs.length) {
    throw new UsageError(`${given.length} formats (-f) and ${outputs.length} output files (-o): with several formats, give each its own -o, in order (${EXAMPLE})`);
  }
  const targets = given.map((format, i) => ({ format, output: outputs[i]! }));
  const seen = new Set<string>();
  for (const t of targets) {
    const abs = path.resolve(t.output);
    if (seen.has(abs)) throw new UsageError(`${t.output} is named by -o twice: each format needs its own file`);
    seen.add(abs);
    // `-f json -f sarif -o a.sarif -o a.json` pairs json with a.sarif: refuse rather than guess.
    const ext = path.extname(t.output).slice(1).toLowerCase();
    const other = given.find((f) => f !== t.format && PRESENTERS[f].extension === ext && PRESENTERS[t.format].extension !== ext);
    if (other) throw new UsageError(`-o ${t.output} is paired with -f ${t.format} but looks like ${other}: give each -f right before its -o (${EXAMPLE})`);
  }
  return targets;
}
