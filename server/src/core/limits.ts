// Resource budgets for one document. Hostile input that passes one of these is unreadable,
// with a reason naming the limit; the rest of the batch is still reviewed.
export interface Limits {
  maxFileBytes: number;
  maxDecompressedBytes: number;
  maxZipEntries: number;
  maxPdfPages: number;
  /** Bytes all Flate-compressed non-image PDF streams may inflate to (pdf.js inflates each stream whole, outside the heap limit). */
  maxPdfStreamBytes: number;
  maxLineLength: number;
  maxSheets: number;
  maxSheetCells: number;
  /** Wall time for reading and parsing one document. */
  timeoutMs: number;
  /** Heap (old generation) of one parse worker, MB; past it the worker dies and the document is unreadable. */
  workerHeapMb: number;
  /**
   * Memory outside the V8 heap (ArrayBuffers: inflated streams, decoded images) of one parse
   * worker, MB. The heap limit does not see these, so the worker watches them itself.
   */
  workerBuffersMb: number;
}

export const limits: Limits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxDecompressedBytes: 200 * 1024 * 1024,
  maxZipEntries: 2000,
  maxPdfPages: 2000,
  maxPdfStreamBytes: 100 * 1024 * 1024,
  maxLineLength: 100_000,
  maxSheets: 200,
  maxSheetCells: 2_000_000,
  timeoutMs: 30_000,
  workerHeapMb: 512,
  workerBuffersMb: 384,
};

/** The budgets named in a reason, e.g. "time limit (30 s)". */
export function describeLimit(name: keyof Limits, value: number = limits[name]): string {
  switch (name) {
    case 'timeoutMs':
      return `${value >= 1000 ? `${Math.round(value / 100) / 10} s` : `${value} ms`} time limit`;
    case 'workerHeapMb':
      return `${value} MB memory limit`;
    case 'workerBuffersMb':
      return `${value} MB buffer-memory limit`;
    default:
      return `${name} limit (${value})`;
  }
}
