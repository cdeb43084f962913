// Reading a whole file that someone else wrote, without trusting its size or its kind: the file
// is opened non-blocking and what was opened is checked (fstat of the descriptor, so a file
// swapped after a stat is still caught) before a byte is read. A FIFO or device is refused, never
// waited on; a file over the limit (a sparse 60 GB file costs no disk) is refused, never read.
// Synchronous on purpose: batches read hundreds of small files, and the promise API costs
// several event-loop turns per file.
import { closeSync, constants as fsc, fstatSync, openSync, readSync } from 'node:fs';

export type ReadFailure = 'missing' | 'folder' | 'not-a-file' | 'too-large' | 'io';

/** Why a file could not be read whole; `code` is the system's error code when there was one. */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly failure: ReadFailure,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

/** The bytes of `file`, refused past `maxBytes` (checked on the opened descriptor, before reading). */
export function readFileBounded(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, fsc.O_RDONLY | (fsc.O_NONBLOCK ?? 0) | (options.noFollow ? (fsc.O_NOFOLLOW ?? 0) : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new FileReadError('a folder, not a file', 'folder', code);
    // noFollow: the file became a symbolic link after it was found (discovery judged the real file).
    if (code === 'ELOOP' && options.noFollow) throw new FileReadError('became a symbolic link after discovery; not followed', 'io', code);
    throw new FileReadError(`cannot open the file (${code ?? 'error'})`, code === 'ENOENT' ? 'missing' : 'io', code);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new FileReadError('a folder, not a file', 'folder');
    if (!st.isFile()) throw new FileReadError('not a regular file (a pipe, socket or device)', 'not-a-file');
    if (st.size > maxBytes) throw new FileReadError(`the file is ${st.size} bytes, over the ${maxBytes}-byte size limit`, 'too-large');
    // Its own ArrayBuffer (never a slice of Node's shared pool), so it can be transferred to a worker.
    const bytes = new Uint8Array(st.size);
    let at = 0;
    try {
      while (at < bytes.length) {
        const n = readSync(fd, bytes, at, bytes.length - at, at);
        if (n === 0) break;
        at += n;
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new FileReadError(`cannot read the file (${code ?? 'error'})`, 'io', code);
    }
    // A file that grew meanwhile is read to the size checked, never past it.
    return at === bytes.length ? bytes : bytes.slice(0, at);
  } finally {
    closeSync(fd);
  }
}

/** The text (UTF-8) of `file`, refused past `maxBytes` as readFileBounded does. */
export function readTextBounded(file: string, maxBytes: number): string {
  const bytes = readFileBounded(file, maxBytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * The bytes of a stream (standard input: `dicomsec lint -`), refused as soon as they pass
 * `maxBytes`: the rest is never buffered, the stream is left and not waited for.
 */
export function readStreamBounded(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err?: Error) => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      if (err) {
        stream.pause();
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(err);
        return;
      }
      // Its own ArrayBuffer, as readFileBounded's, so it can be transferred to a worker.
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      resolve(bytes);
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) finish(new FileReadError(`standard input is over the ${maxBytes}-byte size limit`, 'too-large'));
      else chunks.push(buf);
    };
    const onEnd = () => finish();
    const onError = (err: NodeJS.ErrnoException) => finish(new FileReadError(`cannot read standard input (${err.code ?? 'error'})`, 'io', err.code));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
