// The language server over standard input/output, with the framing checked before any byte
// reaches the JSON-RPC reader. vscode-jsonrpc answers a header without Content-Length, a negative
// length or one it cannot parse by dropping the header and waiting forever: the editor sees a
// server that is alive and silent. Here any such frame (and a length past MAX_MESSAGE_BYTES, which
// the reader would try to buffer whole) ends the process with an error status, so the client
// notices and restarts the server.
import { Transform, type TransformCallback } from 'node:stream';
import { format } from 'node:util';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

/** The largest message body accepted; a larger Content-Length ends the server. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** The longest header block (its fields and the blank line); the LSP's two fields fit in ~100 bytes. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Exit status after a framing error (1 is also what a server that exits without shutdown returns). */
export const EXIT_PROTOCOL_ERROR = 1;

const CR = 0x0d;
const LF = 0x0a;
/** `Name: value` (RFC 7230 token, then printable characters). */
const HEADER_FIELD = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\x20-\x7e]*?)[ \t]*$/;

/**
 * Passes LSP frames through unchanged while checking each header block: fields well formed, one
 * Content-Length that is a decimal number within MAX_MESSAGE_BYTES. The first violation is
 * reported once and nothing after it is passed on.
 */
export class FrameGuard extends Transform {
  /** Bytes of the header block read so far (header state), or undefined while in a body. */
  private header: number[] | undefined = [];
  /** Body bytes still to pass through. */
  private remaining = 0;
  private failed = false;

  constructor(private readonly onViolation: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let i = 0;
    while (i < chunk.length && !this.failed) {
      if (this.header === undefined) {
        const take = Math.min(this.remaining, chunk.length - i);
        this.push(chunk.subarray(i, i + take));
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.header = [];
        continue;
      }
      const byte = chunk[i++]!;
      this.header.push(byte);
      if (this.header.length > MAX_HEADER_BYTES) return this.fail(`a message header longer than ${MAX_HEADER_BYTES} bytes`, done);
      if (byte === LF) {
        const h = this.header;
        if (h.length < 2 || h[h.length - 2] !== CR) return this.fail('a header line not ended by CR LF', done);
        if (h.length >= 4 && h[h.length - 3] === LF && h[h.length - 4] === CR) {
          const reason = this.endOfHeader();
          if (reason) return this.fail(reason, done);
          continue;
        }
        // A complete line: check it now, so garbage without a blank line cannot keep us waiting.
        const start = lastLineStart(h);
        const line = Buffer.from(h.slice(start, h.length - 2)).toString('latin1');
        if (!HEADER_FIELD.test(line)) return this.fail(`a malformed header line ${JSON.stringify(line.slice(0, 80))}`, done);
      } else if (byte !== CR && (byte < 0x20 || byte > 0x7e) && byte !== 0x09) {
        return this.fail(`a non-printable byte 0x${byte.toString(16).padStart(2, '0')} in a message header`, done);
      }
    }
    done();
  }

  /** The blank line after the fields: passes the header on and expects the body. */
  private endOfHeader(): string | undefined {
    const h = this.header!;
    const lines = Buffer.from(h.slice(0, h.length - 4)).toString('latin1').split('\r\n');
    let length: number | undefined;
    for (const line of lines) {
      const m = HEADER_FIELD.exec(line);
      if (!m) return `a malformed header line ${JSON.stringify(line.slice(0, 80))}`;
      if (m[1]!.toLowerCase() !== 'content-length') continue;
      if (length !== undefined) return 'two Content-Length fields in one header';
      if (!/^\d{1,16}$/.test(m[2]!)) return `Content-Length ${JSON.stringify(m[2]!.slice(0, 40))} (not a non-negative decimal number)`;
      length = Number(m[2]);
      if (length > MAX_MESSAGE_BYTES) return `Content-Length ${length} (larger than the ${MAX_MESSAGE_BYTES}-byte limit)`;
    }
    if (length === undefined) return 'a message header without Content-Length';
    this.push(Buffer.from(h));
    this.header = length > 0 ? undefined : [];
    this.remaining = length;
    return undefined;
  }

  private fail(reason: string, done: TransformCallback): void {
    this.failed = true;
    this.onViolation(reason);
    done();
  }
}

function lastLineStart(h: number[]): number {
  for (let j = h.length - 3; j > 0; j--) if (h[j] === LF && h[j - 1] === CR) return j + 1;
  return 0;
}

export interface StdioTransport {
  reader: StreamMessageReader;
  writer: StreamMessageWriter;
}

/**
 * Reader and writer over this process's stdin and stdout. `exit` is called with a reason on a
 * framing or message error, and without one when stdin ends.
 */
export function stdioTransport(exit: (reason?: string) => void): StdioTransport {
  const guard = new FrameGuard((reason) => exit(`received ${reason}`));
  process.stdin.pipe(guard);
  process.stdin.on('end', () => exit());
  process.stdin.on('close', () => exit());
  const reader = new StreamMessageReader(guard);
  reader.onError((err) => exit(`cannot read a message: ${err.message}`));
  return { reader, writer: new StreamMessageWriter(process.stdout) };
}

/** Sends console output to the client's log: stdout is the protocol channel. */
export function consoleToLog(log: (message: string) => void): void {
  const send = (...args: unknown[]) => log(format(...args));
  console.log = send;
  console.info = send;
  console.warn = send;
  console.error = send;
  console.debug = send;
}
