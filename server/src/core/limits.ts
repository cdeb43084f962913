// Resource budgets for one document. Hostile input that passes one of these is unreadable,
// with a reason naming the limit; the rest of the batch is still reviewed.
export interface Limits {
  maxFileBytes: number;
  maxDecompressedBytes: number;
  maxZipEntries: number;
  maxPdfPages: number;
  maxLineLength: number;
  maxSheets: number;
  maxSheetCells: number;
  /** Wall time for reading and parsing one document. */
  timeoutMs: number;
}

export const limits: Limits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxDecompressedBytes: 200 * 1024 * 1024,
  maxZipEntries: 2000,
  maxPdfPages: 2000,
  maxLineLength: 100_000,
  maxSheets: 200,
  maxSheetCells: 2_000_000,
  timeoutMs: 30_000,
};
