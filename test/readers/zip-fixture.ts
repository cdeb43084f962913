// Small zip archives for reader tests, on top of the hostile-fixture zip writer.
import { writeZip } from '../../scripts/hostile/zip.js';

export interface FixtureEntry {
  name: string;
  data: string | Uint8Array;
  /** Deflated unless false. */
  deflate?: boolean;
  /** Uncompressed size to write in the headers instead of the true one (for bomb tests). */
  declaredSize?: number;
}

export function makeZip(entries: FixtureEntry[]): Uint8Array {
  return writeZip(entries.map((e) => ({ name: e.name, data: e.data, method: e.deflate === false ? 'store' : 'deflate', declaredSize: e.declaredSize })));
}
