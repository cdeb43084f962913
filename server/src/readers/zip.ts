// A bounded zip reader for Office and OpenDocument containers: own central-directory parsing,
// stored and deflated entries only, inflate with a hard output cap. Limits: entry count, declared
// and actual decompressed bytes (shared across all entries read from one archive).
import { zipFormat, type FormatEntry } from './formats.js';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';

export type ZipKind = Extract<FormatEntry, { container: 'zip' }>['id'] | 'unknown';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

export class ZipArchive {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly view: DataView;
  private used = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.parse();
  }

  private u16(o: number): number {
    if (o + 2 > this.bytes.length) throw corrupt('a zip record runs past the end of the file');
    return this.view.getUint16(o, true);
  }

  private u32(o: number): number {
    if (o + 4 > this.bytes.length) throw corrupt('a zip record runs past the end of the file');
    return this.view.getUint32(o, true);
  }

  private parse(): void {
    const len = this.bytes.length;
    if (len < 22) throw corrupt('the file is too short to be a zip archive');
    let eocd = -1;
    for (let o = len - 22; o >= Math.max(0, len - 22 - 0xffff); o--) {
      if (this.view.getUint32(o, true) === EOCD) {
        eocd = o;
        break;
      }
    }
    if (eocd < 0) throw corrupt('no zip central directory (truncated or not a zip archive)');
    const count = this.u16(eocd + 10);
    const cdSize = this.u32(eocd + 12);
    const cdOffset = this.u32(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw new UnreadableError('ZIP64 archives are not supported for documents', 'unsupported');
    }
    if (count > limits.maxZipEntries) {
      throw new UnreadableError(`the archive has ${count} entries, over the ${limits.maxZipEntries}-entry limit`, 'limit');
    }
    if (cdOffset + cdSize > len) throw corrupt('the zip central directory points past the end of the file');
    let o = cdOffset;
    let declared = 0;
    const names = new TextDecoder('utf-8');
    for (let k = 0; k < count; k++) {
      if (this.u32(o) !== CEN) throw corrupt('a damaged zip central directory');
      const flags = this.u16(o + 8);
      const method = this.u16(o + 10);
      const compressedSize = this.u32(o + 20);
      const size = this.u32(o + 24);
      const nameLen = this.u16(o + 28);
      const extraLen = this.u16(o + 30);
      const commentLen = this.u16(o + 32);
      const localOffset = this.u32(o + 42);
      if (o + 46 + nameLen > len) throw corrupt('a damaged zip central directory');
      const name = names.decode(this.bytes.subarray(o + 46, o + 46 + nameLen));
      const entry: ZipEntry = { name, method, flags, compressedSize, size, localOffset };
      this.entries.push(entry);
      if (!this.byName.has(name)) this.byName.set(name, entry);
      declared += size;
      o += 46 + nameLen + extraLen + commentLen;
    }
    if (declared > limits.maxDecompressedBytes) {
      throw new UnreadableError(
        `the archive would expand to ${declared} bytes, over the ${limits.maxDecompressedBytes}-byte limit`,
        'limit',
      );
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** An entry's bytes, inflated under the archive's remaining decompression budget. */
  read(name: string): Uint8Array {
    const e = this.byName.get(name);
    if (!e) throw corrupt(`the archive has no ${name}`);
    if (e.flags & 1) throw new UnreadableError('the archive is encrypted', 'encrypted');
    const o = e.localOffset;
    if (this.u32(o) !== LOC) throw corrupt(`a damaged zip entry (${name})`);
    const start = o + 30 + this.u16(o + 26) + this.u16(o + 28);
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw corrupt(`a zip entry runs past the end of the file (${name})`);
    const data = this.bytes.subarray(start, end);
    const budget = limits.maxDecompressedBytes - this.used;
    let out: Uint8Array;
    if (e.method === 0) {
      out = data;
    } else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw new UnreadableError(`a zip entry expands past the ${limits.maxDecompressedBytes}-byte limit (${name})`, 'limit');
        }
        throw corrupt(`a damaged compressed zip entry (${name})`);
      }
    } else {
      throw new UnreadableError(`zip compression method ${e.method} is not supported (${name})`, 'unsupported');
    }
    if (out.length > budget) {
      throw new UnreadableError(`the archive expands past the ${limits.maxDecompressedBytes}-byte limit`, 'limit');
    }
    if (out.length !== e.size) throw corrupt(`a zip entry's size does not match its directory record (${name})`);
    this.used += out.length;
    return out;
  }

  /** An entry as UTF-8 text. */
  readText(name: string): string {
    const text = new TextDecoder('utf-8').decode(this.read(name));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

function corrupt(message: string): UnreadableError {
  return new UnreadableError(`the document cannot be read: ${message}`, 'corrupt');
}

export function openZip(bytes: Uint8Array): ZipArchive {
  return new ZipArchive(bytes);
}

/** What an archive holds, from its entry names (and the OpenDocument mimetype entry). */
export function zipKind(bytes: Uint8Array): ZipKind {
  return (zipFormat(openZip(bytes))?.id as ZipKind | undefined) ?? 'unknown';
}

export interface ZipPart {
  name: string;
  data: Uint8Array | string;
}

// 1980-01-01 00:00 in MS-DOS date/time: the same parts always give the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * The parts as a zip: CRC-32, a central directory, UTF-8 names, no ZIP64, no encryption, fixed
 * timestamps. `store` writes every entry stored (method 0): the spreadsheet reader hands SheetJS
 * archives rewritten this way, so SheetJS never runs its own inflater, which loops forever on
 * some damaged deflate streams (found by the fuzzer, test/fixtures/regressions/
 * xlsx-sheetjs-inflate-hang.xlsx); the questionnaire workbook is finished this way too. Otherwise
 * entries are deflated (the .docx of RFP requirements).
 */
export function writeZip(parts: readonly ZipPart[], options: { store?: boolean } = {}): Uint8Array {
  const method = options.store ? 0 : 8;
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const n = Buffer.from(part.name, 'utf8');
    const raw = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength);
    const packed = method === 0 ? raw : deflateRawSync(raw);
    const crc = crc32(raw) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4); // made by
    cen.writeUInt16LE(20, 6); // needed
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt16LE(DOS_TIME, 12);
    cen.writeUInt16LE(DOS_DATE, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(raw.length, 24);
    cen.writeUInt16LE(n.length, 28);
    cen.writeUInt32LE(offset, 42);
    chunks.push(local, n, packed);
    central.push(cen, n);
    offset += 30 + n.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, end]));
}
