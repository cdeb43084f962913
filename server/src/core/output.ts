// Writing a report where the CLI was told to, and ending quietly when that fails:
//  - the reader went away (`dicomsec lint … | head -1`: EPIPE): nothing more is written, the
//    exit code is the one the review earned, as if the whole report had been read;
//  - the output cannot take it (a full disk, `-o /dev/full` or `> /dev/full`: ENOSPC; EIO, EFBIG,
//    EDQUOT…): one line on standard error and exit code 2, because the report is incomplete.
// Never a stack trace: these are the environment's doing, not a bug. A missing folder of `-o` is
// created (as `-o reports/2026/acme.sarif` in a fresh CI checkout expects).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The reader of standard output closed it (EPIPE). The run ends quietly with its own exit code. */
export class OutputClosedError extends Error {
  constructor() {
    super('standard output was closed by its reader');
    this.name = 'OutputClosedError';
  }
}

/** The report could not be written whole (a full disk, an I/O error). Exit 2 with this one line. */
export class OutputFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFailedError';
  }
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file would be too large',
  EIO: 'an input/output error',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'a read-only file system',
  ENOENT: 'no such folder',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
};

function failure(where: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return new OutputClosedError();
  const cause = (code && CAUSES[code]) ?? code ?? (err as Error)?.message ?? String(err);
  return new OutputFailedError(`cannot write ${where}: ${cause}${code && CAUSES[code] ? ` (${code})` : ''}`);
}

let closed = false;

/**
 * Listens for write errors on standard output and error for the rest of the process, so a
 * closed pipe or a full disk reported after a write (as an 'error' event) never crashes it.
 */
export function guardStdio(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
  });
  // Standard error has no one left to tell.
  process.stderr.on('error', () => {});
}

/** True once standard output's reader has gone (nothing more should be written to it). */
export function stdoutClosed(): boolean {
  return closed;
}

/** Writes `text` (or bytes) to the file `output`, or to standard output; throws OutputClosedError or OutputFailedError. */
export async function writeOutput(text: string | Uint8Array, output?: string): Promise<void> {
  if (output) {
    try {
      mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
      writeFileSync(output, text);
    } catch (err) {
      throw failure(output, err);
    }
    return;
  }
  if (closed) throw new OutputClosedError();
  await new Promise<void>((resolve, reject) => {
    try {
      process.stdout.write(text, (err) => (err ? reject(failure('to standard output', err)) : resolve()));
    } catch (err) {
      reject(failure('to standard output', err));
    }
  });
}
