// The decompression budget of a PDF, checked before pdf.js sees the file.
//
// pdf.js decodes each stream it needs whole, into buffers the worker's heap limit does not see: a
// 300 KB content stream that inflates to 300 MB took a worker past 1 GB before anything could stop
// it. Flate is not the only way there: an LZW stream expands up to ~2,500 times, ASCII85 'z' 4
// times, RunLength 64 times, Brotli without bound, filters chain ([/FlateDecode /LZWDecode]), and
// a predictor's /DecodeParms (/Columns 2^30) make pdf.js allocate whole rows before reading a byte.
//
// So every stream a text extraction may decode (all but images, which it never decodes here) is
// decoded first, each filter of its chain with an output cap, and what pdf.js would hold (every
// stage's output, and every predictor row) is summed against limits.maxPdfStreamBytes. Streams are
// found the way pdf.js can reach them: at every "N G obj" header, whatever lies around it, so no
// junk or unbalanced string can hide one; their dictionaries are parsed, not pattern-matched.
import { brotliDecompressSync, constants as zc, createInflate, inflateSync } from 'node:zlib';
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';

type Value = number | boolean | null | string | Name | Ref | Value[] | Dict;
interface Name {
  name: string;
}
interface Ref {
  ref: number;
}
type Dict = Map<string, Value>;

const isName = (v: Value | undefined): v is Name => typeof v === 'object' && v !== null && 'name' in v;
const isRef = (v: Value | undefined): v is Ref => typeof v === 'object' && v !== null && 'ref' in v;
const isDict = (v: Value | undefined): v is Dict => v instanceof Map;

/** A stream dictionary bigger than this is not something any producer writes; one that hides its filters there is refused. */
const MAX_DICT_BYTES = 1 << 20;

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

class Budget {
  left = limits.maxPdfStreamBytes;
  spend(bytes: number, what: string): void {
    this.left -= bytes;
    if (this.left < 0) {
      throw new UnreadableError(`the PDF's compressed streams expand past the maxPdfStreamBytes limit (${limits.maxPdfStreamBytes} bytes; ${what})`, 'limit');
    }
  }
}

/**
 * A small PDF object parser over the raw bytes: enough for stream dictionaries (names, numbers,
 * strings, arrays, dictionaries, references). Iterative, so nesting depth costs no stack.
 */
class Scanner {
  /** Bytes tokenised so far, over all objects: overlapping headers must not make the scan quadratic. */
  work = 0;
  constructor(readonly buf: Uint8Array) {}

  skipSpace(at: number): number {
    const b = this.buf;
    for (;;) {
      while (at < b.length && WHITE[b[at]!]) at++;
      if (b[at] !== 0x25) return at; // '%'
      while (at < b.length && b[at] !== 0x0a && b[at] !== 0x0d) at++;
    }
  }

  /** Parses one value at `at`; undefined when it does not end within `maxBytes`. */
  value(at: number, maxBytes: number): { value: Value; end: number } | undefined {
    const b = this.buf;
    const stop = Math.min(b.length, at + maxBytes);
    const stack: { items: Value[]; dict: boolean }[] = [];
    let result: Value | undefined;
    const start = at;
    const push = (v: Value) => {
      const top = stack[stack.length - 1];
      if (top) top.items.push(v);
      else result = v;
    };
    const close = (top: { items: Value[]; dict: boolean }): Value => {
      if (!top.dict) return top.items;
      const d: Dict = new Map();
      for (let i = 0; i + 1 < top.items.length; i += 2) {
        const k = top.items[i];
        if (isName(k)) d.set(k.name, top.items[i + 1]!);
      }
      return d;
    };
    while (result === undefined) {
      at = this.skipSpace(at);
      if (at >= stop) {
        this.work += at - start;
        return undefined;
      }
      const c = b[at]!;
      if (c === 0x3c && b[at + 1] === 0x3c) {
        stack.push({ items: [], dict: true });
        at += 2;
      } else if (c === 0x3e && b[at + 1] === 0x3e) {
        at += 2;
        const top = stack.pop();
        if (top) push(close(top));
      } else if (c === 0x5b) {
        stack.push({ items: [], dict: false });
        at++;
      } else if (c === 0x5d) {
        at++;
        const top = stack.pop();
        if (top) push(close(top));
      } else if (c === 0x28) {
        // Literal string: balanced parentheses, backslash escapes. The content is not needed.
        let depth = 0;
        for (; at < stop; at++) {
          const x = b[at]!;
          if (x === 0x5c) at++;
          else if (x === 0x28) depth++;
          else if (x === 0x29 && --depth === 0) break;
        }
        at++;
        push('');
      } else if (c === 0x3c) {
        const close = b.indexOf(0x3e, at);
        at = close < 0 ? stop : close + 1;
        push('');
      } else if (c === 0x2f) {
        let end = at + 1;
        while (end < b.length && !WHITE[b[end]!] && !DELIM[b[end]!]) end++;
        const raw = Buffer.from(b.buffer, b.byteOffset + at + 1, end - at - 1).toString('latin1');
        push({ name: raw.includes('#') ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw });
        at = end;
      } else if (c === 0x29 || c === 0x3e || c === 0x7b || c === 0x7d) {
        at++; // stray delimiter: pdf.js skips it too
      } else {
        let end = at;
        while (end < b.length && !WHITE[b[end]!] && !DELIM[b[end]!]) end++;
        const word = Buffer.from(b.buffer, b.byteOffset + at, end - at).toString('latin1');
        at = end;
        if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(word)) push(Number(word));
        else if (word === 'true' || word === 'false') push(word === 'true');
        else if (word === 'null') push(null);
        else if (word === 'R') {
          const items = stack[stack.length - 1]?.items;
          const n = items?.length ?? 0;
          if (items && n >= 2 && Number.isInteger(items[n - 1]) && Number.isInteger(items[n - 2])) {
            items.splice(n - 2, 2, { ref: items[n - 2] as number });
          }
        } else if (stack.length === 0) {
          // A keyword where a value should be (endobj, stream…): no value here.
          this.work += at - start;
          return { value: null, end: at - word.length };
        } else if (word === 'endobj' || word === 'stream' || word === 'obj') {
          // An unclosed container ends where the object does, as pdf.js's parser gives up there.
          at -= word.length;
          while (stack.length) push(close(stack.pop()!));
        }
      }
    }
    this.work += at - start;
    return { value: result, end: at };
  }

  keywordAt(at: number, word: string): boolean {
    const b = this.buf;
    for (let i = 0; i < word.length; i++) if (b[at + i] !== word.charCodeAt(i)) return false;
    const next = b[at + word.length];
    return next === undefined || WHITE[next] === 1 || DELIM[next] === 1;
  }
}

interface StreamRecord {
  dict: Dict;
  start: number;
  end: number;
}

/** Every "N G obj" header in the file: object number → offsets (the last one wins, as after incremental updates). */
function objectHeaders(buf: Uint8Array): { offsets: Map<number, number>; all: { num: number; at: number }[] } {
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  const offsets = new Map<number, number>();
  const all: { num: number; at: number }[] = [];
  const re = /(\d{1,10})[\0\t\n\f\r ]+\d{1,5}[\0\t\n\f\r ]+obj(?![^\0\t\n\f\r ()<>[\]{}/%])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const num = Number(m[1]);
    offsets.set(num, m.index + m[0].length);
    all.push({ num, at: m.index + m[0].length });
  }
  return { offsets, all };
}

// Decoders: each stops as soon as its output passes `cap` (what the budget has left) and says so.
const OVER = 'over';
type Decoded = Uint8Array | typeof OVER;
const tooLarge = (err: unknown) => (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;

/** Output that grows by doubling, never past cap + 1 bytes. */
class Output {
  buf: Uint8Array;
  length = 0;
  constructor(readonly cap: number, hint: number) {
    this.buf = new Uint8Array(Math.min(cap + 1, Math.max(1024, hint)));
  }
  /** Room for n more bytes; false once the cap is passed. */
  room(n: number): boolean {
    if (this.length + n <= this.buf.length) return true;
    if (this.length + n > this.cap) return false;
    const grown = new Uint8Array(Math.min(this.cap + 1, Math.max(this.buf.length * 2, this.length + n)));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
    return true;
  }
  get bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

function inflateCapped(data: Uint8Array, cap: number): Promise<Decoded> | Decoded {
  try {
    return inflateSync(data, { maxOutputLength: cap + 1, finishFlush: zc.Z_SYNC_FLUSH });
  } catch (err) {
    if (tooLarge(err)) return OVER;
    // Damaged data: pdf.js keeps what it decoded before the damage, and so do we.
    return inflatePartial(data, cap);
  }
}

function inflatePartial(data: Uint8Array, cap: number): Promise<Decoded> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const z = createInflate({ finishFlush: zc.Z_SYNC_FLUSH });
    const done = () => resolve(size > cap ? OVER : new Uint8Array(Buffer.concat(chunks)));
    z.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        z.destroy();
        done();
      } else chunks.push(chunk);
    });
    z.on('error', done);
    z.on('end', done);
    z.end(data);
  });
}

/** LZW as PDF writes it (9–12-bit codes, clear 256, end 257, /EarlyChange), tolerant as pdf.js is. */
export function lzwDecode(data: Uint8Array, cap: number, earlyChange = 1): Decoded {
  const prefix = new Uint16Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    length[i] = 1;
  }
  const seq = new Uint8Array(4096);
  const out = new Output(cap, data.length * 4);
  let next = 258;
  let codeBits = 9;
  let prev = -1;
  let seqLen = 0;
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (;;) {
    while (bits < codeBits && at < data.length) {
      acc = ((acc << 8) | data[at++]!) >>> 0;
      bits += 8;
    }
    if (bits < codeBits) break;
    bits -= codeBits;
    const code = (acc >>> bits) & ((1 << codeBits) - 1);
    acc &= (1 << bits) - 1;
    if (code === 256) {
      next = 258;
      codeBits = 9;
      seqLen = 0;
      prev = -1;
      continue;
    }
    if (code === 257) break;
    if (code < 256) {
      seq[0] = code;
      seqLen = 1;
    } else if (code < next) {
      seqLen = length[code]!;
      for (let j = seqLen - 1, q = code; j >= 0; j--) {
        seq[j] = suffix[q]!;
        q = prefix[q]!;
      }
    } else if (seqLen < seq.length) {
      // The code being defined (KwKwK): the previous sequence and its own first byte.
      seq[seqLen++] = seq[0]!;
    }
    if (prev >= 0 && next < 4096) {
      prefix[next] = prev;
      length[next] = Math.min(4095, length[prev]! + 1);
      suffix[next] = seq[0]!;
      next++;
      const n = next + earlyChange;
      if ((n & (n - 1)) === 0) codeBits = Math.min(12, codeBits + 1);
    }
    prev = code;
    if (!out.room(seqLen)) return OVER;
    out.buf.set(seq.subarray(0, seqLen), out.length);
    out.length += seqLen;
  }
  return out.bytes;
}

function ascii85Decode(data: Uint8Array, cap: number): Decoded {
  const out = new Output(cap, data.length);
  const word = (v: number, n: number): boolean => {
    if (!out.room(n)) return false;
    for (let k = 0; k < n; k++) out.buf[out.length++] = (v >>> (24 - 8 * k)) & 255;
    return true;
  };
  let group: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) break; // '~>'
    if (c === 0x7a && group.length === 0) {
      if (!word(0, 4)) return OVER;
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group.push(c - 33);
    if (group.length === 5) {
      if (!word(group.reduce((v, d) => v * 85 + d, 0) >>> 0, 4)) return OVER;
      group = [];
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    if (!word(group.reduce((v, d) => v * 85 + d, 0) >>> 0, n - 1)) return OVER;
  }
  return out.bytes;
}

function asciiHexDecode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const hex = text.split('>')[0]!.replace(/[^0-9a-fA-F]/g, '');
  return new Uint8Array(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
}

function runLengthDecode(data: Uint8Array, cap: number): Decoded {
  const out = new Output(cap, data.length * 4);
  for (let i = 0; i + 1 < data.length; ) {
    const len = data[i]!;
    if (len === 128) break;
    if (len < 128) {
      const run = data.subarray(i + 1, i + 2 + len);
      if (!out.room(run.length)) return OVER;
      out.buf.set(run, out.length);
      out.length += run.length;
      i += 2 + len;
    } else {
      if (!out.room(257 - len)) return OVER;
      out.buf.fill(data[i + 1]!, out.length, out.length + 257 - len);
      out.length += 257 - len;
      i += 2;
    }
  }
  return out.bytes;
}

/** PNG predictors (10–15) applied for real, for a filter that follows them in a chain. */
function pngUnpredict(data: Uint8Array, rowBytes: number, pixBytes: number): Uint8Array {
  const rows = Math.ceil(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = data.subarray(r * (rowBytes + 1) + 1, (r + 1) * (rowBytes + 1));
    const o = r * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const x = src[i] ?? 0;
      const left = i >= pixBytes ? out[o + i - pixBytes]! : 0;
      const up = r > 0 ? out[o - rowBytes + i]! : 0;
      const upLeft = r > 0 && i >= pixBytes ? out[o - rowBytes + i - pixBytes]! : 0;
      let v = x;
      if (type === 1) v = x + left;
      else if (type === 2) v = x + up;
      else if (type === 3) v = x + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[o + i] = v & 255;
    }
  }
  return out;
}

const numberParam = (d: Dict | undefined, key: string, alt?: string): number | undefined => {
  const v = d?.get(key) ?? (alt ? d?.get(alt) : undefined);
  return typeof v === 'number' ? v : undefined;
};

/**
 * What a predictor costs pdf.js: whole rows, allocated before the data is read (twice: its own
 * buffer and the request to the stream below), so rows are budgeted from the parameters alone.
 */
function applyPredictor(data: Uint8Array, params: Dict | undefined, budget: Budget, last: boolean): Uint8Array {
  const predictor = numberParam(params, 'Predictor') || 1;
  if (predictor <= 1) return data;
  const colors = numberParam(params, 'Colors') || 1;
  const bits = numberParam(params, 'BitsPerComponent', 'BPC') || 8;
  const columns = numberParam(params, 'Columns') || 1;
  const rowBytes = Math.ceil((columns * colors * bits) / 8);
  if (!Number.isFinite(rowBytes) || rowBytes > budget.left || rowBytes < 0) {
    throw new UnreadableError(
      `a PDF stream's predictor asks for rows of ${Number.isFinite(rowBytes) ? rowBytes : 'unbounded'} bytes (/Columns ${columns}, /Colors ${colors}, /BitsPerComponent ${bits}), past the maxPdfStreamBytes limit (${limits.maxPdfStreamBytes} bytes)`,
      'limit',
    );
  }
  const png = predictor >= 10;
  const rows = data.length === 0 ? 0 : Math.max(1, Math.ceil(data.length / (png ? rowBytes + 1 : rowBytes)));
  budget.spend(rows * rowBytes + rowBytes, 'predictor rows');
  if (last) return data;
  if (png) return pngUnpredict(data, rowBytes, Math.max(1, Math.ceil((colors * bits) / 8)));
  // A TIFF predictor feeding another filter: never written by real producers, and its output
  // cannot be reproduced here faithfully for every bit depth, so it cannot be checked.
  throw new UnreadableError('a PDF stream chains a TIFF predictor into another filter, which the decompression check cannot verify', 'unsupported');
}

/** Filters that decode images (never in the streams text extraction reads, and not expanded here). */
const IMAGE_FILTERS = new Set(['DCT', 'DCTDecode', 'JPX', 'JPXDecode', 'CCF', 'CCITTFaxDecode', 'JBIG2Decode']);

async function decodeChain(data: Uint8Array, filters: string[], params: (Dict | undefined)[], budget: Budget): Promise<void> {
  for (let i = 0; i < filters.length; i++) {
    const name = filters[i]!;
    const p = params[i];
    const cap = budget.left;
    let out: Decoded;
    switch (name) {
      case 'Fl':
      case 'FlateDecode':
        out = await inflateCapped(data, cap);
        break;
      case 'LZW':
      case 'LZWDecode': {
        const early = numberParam(p, 'EarlyChange');
        out = lzwDecode(data, cap, early === 0 ? 0 : 1);
        break;
      }
      case 'A85':
      case 'ASCII85Decode':
        out = ascii85Decode(data, cap);
        break;
      case 'AHx':
      case 'ASCIIHexDecode':
        out = asciiHexDecode(data);
        break;
      case 'RL':
      case 'RunLengthDecode':
        out = runLengthDecode(data, cap);
        break;
      case 'BrotliDecode':
        try {
          out = brotliDecompressSync(data, { maxOutputLength: cap + 1 });
        } catch (err) {
          if (!tooLarge(err)) return;
          out = OVER;
        }
        break;
      default:
        // Image decoders and filters pdf.js does not know (it passes those bytes on unchanged).
        if (IMAGE_FILTERS.has(name) || name === 'Crypt') return;
        continue;
    }
    const what = `${name}${filters.length > 1 ? ` in a chain of ${filters.length} filters` : ''}`;
    if (out === OVER) return budget.spend(budget.left + 1, what);
    budget.spend(out.length, what);
    if (name === 'Fl' || name === 'FlateDecode' || name === 'LZW' || name === 'LZWDecode') out = applyPredictor(out, p, budget, i === filters.length - 1);
    data = out;
  }
}

/** Refuses a PDF whose streams would decode past the budget. See the top of this file. */
export async function checkPdfStreams(bytes: Uint8Array): Promise<void> {
  const scan = new Scanner(bytes);
  const { offsets, all } = objectHeaders(bytes);
  const budget = new Budget();
  const workLimit = 8 * bytes.length + (1 << 20);
  const resolving = new Set<number>();

  const resolve = (v: Value | undefined): Value | undefined => {
    if (!isRef(v)) return v;
    const at = offsets.get(v.ref);
    if (at === undefined || resolving.has(v.ref)) {
      throw new UnreadableError('a PDF stream names its filters through an object the decompression check cannot find', 'unsupported');
    }
    resolving.add(v.ref);
    try {
      return scan.value(at, MAX_DICT_BYTES)?.value ?? undefined;
    } finally {
      resolving.delete(v.ref);
    }
  };

  const seen = new Set<number>();
  for (const { at } of all) {
    if (scan.work > workLimit) throw new UnreadableError('the PDF is too convoluted to check within the stream pre-check budget (limit)', 'limit');
    const first = scan.skipSpace(at);
    if (bytes[first] !== 0x3c || bytes[first + 1] !== 0x3c) continue; // only a dictionary can head a stream
    const parsed = scan.value(first, MAX_DICT_BYTES);
    let afterDict: number;
    if (!parsed) {
      // Cut off by the end of the file: pdf.js cannot read it either.
      if (first + MAX_DICT_BYTES >= bytes.length) continue;
      // Over the size any producer writes: refused only if it really heads a stream.
      const rest = Buffer.from(bytes.buffer, bytes.byteOffset + first + MAX_DICT_BYTES, bytes.length - first - MAX_DICT_BYTES).toString('latin1');
      const s = rest.search(/\bstream\b|\bendobj\b/);
      if (s >= 0 && rest.startsWith('stream', s)) throw new UnreadableError(`a PDF stream dictionary is over ${MAX_DICT_BYTES} bytes (limit)`, 'limit');
      continue;
    }
    afterDict = scan.skipSpace(parsed.end);
    if (!isDict(parsed.value) || !scan.keywordAt(afterDict, 'stream')) continue;
    let start = afterDict + 6;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    if (seen.has(start)) continue;
    seen.add(start);
    const dict = parsed.value;
    const record: StreamRecord = { dict, start, end: streamEnd(scan, dict, start, resolve) };
    await checkStream(bytes, record, resolve, budget);
  }
}

function streamEnd(scan: Scanner, dict: Dict, start: number, resolve: (v: Value | undefined) => Value | undefined): number {
  const b = scan.buf;
  let length: Value | undefined;
  try {
    length = resolve(dict.get('Length'));
  } catch {
    length = undefined;
  }
  if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && start + length <= b.length) {
    if (scan.keywordAt(scan.skipSpace(start + length), 'endstream')) return start + length;
  }
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const end = text.indexOf('endstream', start, 'latin1');
  return end < 0 ? b.length : end;
}

async function checkStream(bytes: Uint8Array, s: StreamRecord, resolve: (v: Value | undefined) => Value | undefined, budget: Budget): Promise<void> {
  const subtype = resolve(s.dict.get('Subtype'));
  if (isName(subtype) && subtype.name === 'Image') return;
  const filter = resolve(s.dict.get('Filter') ?? s.dict.get('F'));
  const parms = resolve(s.dict.get('DecodeParms') ?? s.dict.get('DP'));
  const filters: string[] = [];
  const params: (Dict | undefined)[] = [];
  if (isName(filter)) {
    filters.push(filter.name);
    params.push(isDict(parms) ? parms : undefined);
  } else if (Array.isArray(filter)) {
    filter.forEach((f, i) => {
      const name = resolve(f);
      if (!isName(name)) return;
      filters.push(name.name);
      const p = Array.isArray(parms) ? resolve(parms[i]) : undefined;
      params.push(isDict(p) ? p : undefined);
    });
  }
  if (filters.length === 0) return;
  await decodeChain(bytes.subarray(s.start, s.end), filters, params, budget);
}
