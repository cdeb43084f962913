// A small zip writer and reader of our own (node:zlib only) for hostile fixtures and the fuzzer:
// it can lie about sizes, point several entries at the same data, and store any bytes.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { crc32 } from 'node:zlib';

// The CRC is the product's own zip writer's (docx output): one implementation of the table.
export { crc32 };

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** 'deflate' (default) or 'store'. */
  method?: 'deflate' | 'store';
  /** Lie in the headers about the uncompressed size. */
  declaredSize?: number;
  /** Lie about the CRC. */
  declaredCrc?: number;
  /** Already-deflated bytes to store as this entry's data (with `size` as its real inflated size). */
  raw?: { deflated: Uint8Array; size: number; crc: number };
}

export interface ZipOptions {
  /** Extra central-directory records pointing at the local data of entry `target` (overlapping-entry bomb). */
  aliases?: { name: string; target: number }[];
}

const enc = (s: string | Uint8Array) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));

export function writeZip(entries: ZipEntry[], options: ZipOptions = {}): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const records: { name: Buffer; method: number; crc: number; csize: number; usize: number; offset: number }[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let method: number;
    let body: Buffer;
    let crc: number;
    let usize: number;
    if (e.raw) {
      method = 8;
      body = Buffer.from(e.raw.deflated);
      crc = e.raw.crc;
      usize = e.raw.size;
    } else {
      const data = enc(e.data);
      method = e.method === 'store' ? 0 : 8;
      body = method === 8 ? deflateRawSync(data) : data;
      crc = crc32(data);
      usize = data.length;
    }
    if (e.declaredCrc !== undefined) crc = e.declaredCrc >>> 0;
    if (e.declaredSize !== undefined) usize = e.declaredSize >>> 0;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(method, 8);
    h.writeUInt32LE(0, 10);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(usize, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    locals.push(h, name, body);
    records.push({ name, method, crc, csize: body.length, usize, offset });
    offset += h.length + name.length + body.length;
  }
  for (const a of options.aliases ?? []) {
    const t = records[a.target]!;
    records.push({ ...t, name: Buffer.from(a.name, 'utf8') });
  }
  for (const r of records) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(r.method, 10);
    c.writeUInt32LE(0, 12);
    c.writeUInt32LE(r.crc, 16);
    c.writeUInt32LE(r.csize, 20);
    c.writeUInt32LE(r.usize, 24);
    c.writeUInt16LE(r.name.length, 28);
    c.writeUInt32LE(r.offset, 42);
    central.push(c, r.name);
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(records.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(records.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

export interface ReadEntry {
  name: string;
  data: Uint8Array;
}

/** Reads a well-formed zip of our own making (central directory, store/deflate). Throws on anything else. */
export function readZip(bytes: Uint8Array): ReadEntry[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const out: ReadEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = b.readUInt16LE(p + 10);
    const csize = b.readUInt32LE(p + 20);
    const nlen = b.readUInt16LE(p + 28);
    const xlen = b.readUInt16LE(p + 30);
    const clen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nlen);
    const lnlen = b.readUInt16LE(local + 26);
    const lxlen = b.readUInt16LE(local + 28);
    const start = local + 30 + lnlen + lxlen;
    const body = b.subarray(start, start + csize);
    out.push({ name, data: new Uint8Array(method === 8 ? inflateRawSync(body) : body) });
    p += 46 + nlen + xlen + clen;
  }
  return out;
}
