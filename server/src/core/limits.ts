// Resource budgets for one document. Hostile input that passes one of these is unreadable,
// with a reason naming the limit; the rest of the batch is still reviewed.
export interface Limits {
  maxFileBytes: number;
  /** Size of a configuration file or custom rule pack, checked before it is read. */
  maxConfigBytes: number;
  maxDecompressedBytes: number;
  maxZipEntries: number;
  maxPdfPages: number;
  /** Bytes all non-image PDF streams may decode to, every filter of every chain and predictor rows summed (pdf.js decodes each stream whole, outside the heap limit). */
  maxPdfStreamBytes: number;
  maxLineLength: number;
  /** Depth of nested markup in a text document (LaTeX environments and groups); past it the document is refused, so no reader recurses or rescans that deep. */
  maxNesting: number;
  /** Values (scalars, objects, arrays) in one JSON document. */
  maxJsonValues: number;
  /** Components of one SBOM, products or vulnerabilities of one advisory. */
  maxSbomItems: number;
  /** Size of a known-exploited list (CISA KEV JSON or CSV, or CVE ids), checked before it is read; the real KEV catalogue is ~1.5 MB. */
  maxKnownExploitedBytes: number;
  maxSheets: number;
  maxSheetCells: number;
  /** Wall time for reading and parsing one document. */
  timeoutMs: number;
  /** Heap (old generation) of one worker of the pool (CLI and language server alike), MB; past it the worker dies and the document is unreadable. */
  workerHeapMb: number;
  /**
   * Memory outside the V8 heap (ArrayBuffers: inflated streams, decoded images) of one parse
   * worker, MB. The heap limit does not see these, so the worker watches them itself.
   */
  workerBuffersMb: number;
}

export const limits: Limits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxConfigBytes: 4 * 1024 * 1024,
  maxDecompressedBytes: 200 * 1024 * 1024,
  maxZipEntries: 2000,
  maxPdfPages: 2000,
  maxPdfStreamBytes: 100 * 1024 * 1024,
  maxLineLength: 100_000,
  maxNesting: 256,
  maxJsonValues: 2_000_000,
  maxSbomItems: 100_000,
  maxKnownExploitedBytes: 32 * 1024 * 1024,
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

/**
 * Tighter budgets for a whole run from the environment, for the CLI and the language server alike
 * (and their workers, which inherit it): DICOMSEC_LIMITS='{"timeoutMs": 5000, "workerHeapMb": 256}'.
 * A limit can only be lowered, never raised: the variable cannot loosen what protects the reviewer.
 * Undefined when the variable is unset or valid; otherwise what was wrong (those entries ignored).
 */
export const limitsProblem: string | undefined = lowerLimitsFrom(process.env.DICOMSEC_LIMITS);

function lowerLimitsFrom(text: string | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'DICOMSEC_LIMITS is not a JSON object';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'DICOMSEC_LIMITS is not a JSON object';
  const problems: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (!Object.hasOwn(limits, key)) problems.push(`unknown limit "${key}"`);
    else if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) problems.push(`${key} must be a positive number`);
    else if (value > limits[key as keyof Limits]) problems.push(`${key} can only be lowered (at most ${limits[key as keyof Limits]})`);
    else limits[key as keyof Limits] = value;
  }
  return problems.length ? `DICOMSEC_LIMITS: ${problems.join('; ')}` : undefined;
}
