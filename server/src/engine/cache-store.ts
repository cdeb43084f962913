// The cache's one file on disk: a run opens it once, reads its index, answers hits by positioned
// reads, and writes at most one new file (old live entries + the run's new ones) that replaces it
// by rename. No file per document: an unchanged run of hundreds of documents opens one file.
//
// Layout of `<dir>/reviews.dicomsec-cache`:
//   MAGIC | entry bytes … | index (JSON) | footer: index offset (16 hex), index length (16 hex),
//   sha256 of the index (64 hex), '\n'
// Each index row is [key, offset, length, sha256 of the entry (hex), last used (ms)].
//
// The folder is the reviewer's, never the vendor's: it must be a real folder (not a symlink),
// owned by this user and not writable by others; the file is opened without following links;
// only files that carry this store's name pattern and signature are ever replaced or deleted.
import { createHash } from 'node:crypto';
import { closeSync, constants as fsc, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';

export const STORE_FILE = 'reviews.dicomsec-cache';
const MAGIC = Buffer.from('dicomsec-cache-3\n', 'latin1');
const FOOTER = 16 + 16 + 64 + 1;
const MAX_INDEX_BYTES = 64 * 1024 * 1024;
/** Temporary files of a run that died: ours by name and signature, removed after an hour. */
const TMP_NAME = /^reviews\.dicomsec-cache\.\d+\.[a-z0-9]+\.tmp$/;
const STALE_TMP_MS = 60 * 60 * 1000;

type Row = [key: string, offset: number, length: number, sha: string, used: number];

const sha256hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const uid = () => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * Makes sure the cache folder is one this user may trust: created owner-only when missing;
 * refused (UsageError) when it is a symlink, not a folder, another user's, or writable by others.
 * Returns false when it cannot be created (a read-only disk): the cache is then only off.
 */
export function ensureCacheDir(dir: string): boolean {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      st = lstatSync(dir);
    } catch {
      return false;
    }
  }
  if (st.isSymbolicLink()) throw new UsageError(`refusing the cache folder ${dir}: it is a symbolic link (point --cache-location at a real folder)`);
  if (!st.isDirectory()) throw new UsageError(`refusing the cache folder ${dir}: it is not a folder`);
  const me = uid();
  if (me !== undefined && process.platform !== 'win32') {
    if (st.uid !== me) throw new UsageError(`refusing the cache folder ${dir}: it belongs to another user`);
    if ((st.mode & 0o022) !== 0) throw new UsageError(`refusing the cache folder ${dir}: others may write to it (mode ${(st.mode & 0o777).toString(8)})`);
  }
  return true;
}

export interface StoreReader {
  /** The entry's bytes, verified against the index, or undefined. */
  get(key: string): Buffer | undefined;
  /** Keeps a new entry for this run (written to a temporary file at once, not held in memory). */
  put(key: string, bytes: Buffer): void;
  /** Writes the store for the next run (only when something changed) within `maxBytes`; closes it. */
  close(maxBytes: number): void;
  /** Why the store was not used, if it was not (a symlink or foreign file in its place). */
  readonly notice?: string;
  readonly entries: number;
}

function readAt(fd: number, offset: number, length: number): Buffer | undefined {
  const buf = Buffer.allocUnsafe(length);
  let at = 0;
  while (at < length) {
    const n = readSync(fd, buf, at, length - at, offset + at);
    if (n === 0) return undefined;
    at += n;
  }
  return buf;
}

/** Opens the store file without following links; a damaged or foreign file reads as empty. */
function openExisting(file: string): { fd?: number; rows: Map<string, Row>; notice?: string; foreign: boolean } {
  const rows = new Map<string, Row>();
  let fd: number;
  try {
    fd = openSync(file, fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { rows, foreign: false };
    return { rows, foreign: true, notice: `cache file ${file} is not a regular file (${code}); not used, not replaced` };
  }
  const st = fstatSync(fd);
  const me = uid();
  if (!st.isFile() || (me !== undefined && process.platform !== 'win32' && st.uid !== me)) {
    closeSync(fd);
    return { rows, foreign: true, notice: `cache file ${file} is not this user's regular file; not used, not replaced` };
  }
  const empty = (foreign: boolean) => {
    closeSync(fd);
    rows.clear();
    return { rows, foreign, ...(foreign ? { notice: `cache file ${file} does not carry the cache's signature; not used, not replaced` } : {}) };
  };
  if (st.size < MAGIC.length + FOOTER) return empty(st.size > 0);
  const head = readAt(fd, 0, MAGIC.length);
  // Another file under our name is left alone; our own but damaged is replaced.
  if (!head || !head.equals(MAGIC)) return empty(true);
  const foot = readAt(fd, st.size - FOOTER, FOOTER)?.toString('latin1');
  if (!foot) return empty(false);
  const offset = Number.parseInt(foot.slice(0, 16), 16);
  const length = Number.parseInt(foot.slice(16, 32), 16);
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < MAGIC.length || length > MAX_INDEX_BYTES || offset + length !== st.size - FOOTER) return empty(false);
  const index = readAt(fd, offset, length);
  if (!index || sha256hex(index) !== foot.slice(32, 96)) return empty(false);
  try {
    const parsed = JSON.parse(index.toString('utf8')) as unknown;
    if (!Array.isArray(parsed)) return empty(false);
    for (const r of parsed as unknown[]) {
      if (!Array.isArray(r) || r.length !== 5) continue;
      const [key, o, n, sha, used] = r as Row;
      if (typeof key !== 'string' || typeof sha !== 'string' || !Number.isSafeInteger(o) || !Number.isSafeInteger(n) || o < MAGIC.length || n < 0 || o + n > offset) continue;
      rows.set(key, [key, o, n, sha, typeof used === 'number' ? used : 0]);
    }
  } catch {
    return empty(false);
  }
  return { fd, rows, foreign: false };
}

export function openStore(dir: string): StoreReader {
  const file = path.join(dir, STORE_FILE);
  const old = openExisting(file);
  const hitKeys = new Set<string>();
  const fresh = new Map<string, Row>();
  let tmp: { file: string; fd: number; at: number } | undefined;
  let broken = false;
  const now = Date.now();

  const startTmp = () => {
    if (tmp || broken) return tmp;
    const name = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
    try {
      // O_EXCL: never opens (or follows) something already there.
      const fd = openSync(name, fsc.O_RDWR | fsc.O_CREAT | fsc.O_EXCL | (fsc.O_NOFOLLOW ?? 0), 0o600);
      writeSync(fd, MAGIC, 0, MAGIC.length, 0);
      tmp = { file: name, fd, at: MAGIC.length };
    } catch {
      broken = true; // a cache that cannot be written is only slower, never wrong
    }
    return tmp;
  };
  const append = (bytes: Buffer): number | undefined => {
    const t = startTmp();
    if (!t) return undefined;
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(t.fd, bytes, done, bytes.length - done, t.at + done);
    } catch {
      broken = true;
      return undefined;
    }
    const at = t.at;
    t.at += bytes.length;
    return at;
  };
  const discardTmp = () => {
    if (!tmp) return;
    try {
      closeSync(tmp.fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp.file); // ours: created by this run with O_EXCL
    } catch {
      // gone
    }
    tmp = undefined;
  };

  return {
    notice: old.notice,
    get entries() {
      return old.rows.size + fresh.size;
    },
    get(key) {
      const mine = fresh.get(key);
      if (mine && tmp) {
        try {
          const b = readAt(tmp.fd, mine[1], mine[2]);
          return b && sha256hex(b) === mine[3] ? b : undefined;
        } catch {
          return undefined;
        }
      }
      const row = old.rows.get(key);
      if (!row || old.fd === undefined) return undefined;
      try {
        const b = readAt(old.fd, row[1], row[2]);
        if (!b || sha256hex(b) !== row[3]) return undefined;
        hitKeys.add(key);
        return b;
      } catch {
        return undefined;
      }
    },
    put(key, bytes) {
      if (old.foreign) return;
      const at = append(bytes);
      if (at !== undefined) fresh.set(key, [key, at, bytes.length, sha256hex(bytes), now]);
    },
    close(maxBytes) {
      try {
        if (old.foreign || broken || fresh.size === 0) {
          // Nothing new (a warm run): the file stays as it is, not rewritten.
          discardTmp();
          return;
        }
        // Old entries the new ones do not replace, most recently used first, within the cap.
        let total = [...fresh.values()].reduce((n, r) => n + r[2], 0);
        const keep = [...old.rows.values()]
          .filter((r) => !fresh.has(r[0]))
          .map((r): Row => (hitKeys.has(r[0]) ? [r[0], r[1], r[2], r[3], now] : r))
          .sort((a, b) => b[4] - a[4]);
        const rows: Row[] = [...fresh.values()];
        if (total > maxBytes) {
          // Even the new entries are over the cap: keep the newest that fit.
          rows.length = 0;
          total = 0;
          for (const r of fresh.values()) if (total + r[2] <= maxBytes) (rows.push(r), (total += r[2]));
        }
        for (const r of keep) {
          if (total + r[2] > maxBytes || old.fd === undefined) continue;
          const b = readAt(old.fd, r[1], r[2]);
          if (!b || sha256hex(b) !== r[3]) continue;
          const at = append(b);
          if (at === undefined) break;
          rows.push([r[0], at, r[2], r[3], r[4]]);
          total += r[2];
        }
        if (broken || !tmp) return discardTmp();
        const index = Buffer.from(JSON.stringify(rows), 'utf8');
        const at = append(index);
        if (at === undefined) return discardTmp();
        const foot = Buffer.from(`${at.toString(16).padStart(16, '0')}${index.length.toString(16).padStart(16, '0')}${sha256hex(index)}\n`, 'latin1');
        if (append(foot) === undefined) return discardTmp();
        closeSync(tmp.fd);
        // Only our own file (or none) is replaced: a foreign one was refused on open.
        renameSync(tmp.file, file);
        tmp = undefined;
      } catch {
        discardTmp();
      } finally {
        if (old.fd !== undefined) closeSync(old.fd);
        old.fd = undefined;
        removeStaleTemporaries(dir);
      }
    },
  };
}

/** Removes temporary files of runs that died, and only those: our name pattern and signature, over an hour old. */
function removeStaleTemporaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TMP_NAME.test(name)) continue;
    const full = path.join(dir, name);
    try {
      const st = lstatSync(full);
      if (!st.isFile() || Date.now() - st.mtimeMs < STALE_TMP_MS) continue;
      const fd = openSync(full, fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0));
      const head = readAt(fd, 0, MAGIC.length);
      closeSync(fd);
      if (head?.equals(MAGIC)) unlinkSync(full);
    } catch {
      // not ours to worry about
    }
  }
}

/** The keys and sizes in a store (diagnostics and tests). */
export function storeIndex(dir: string): { key: string; length: number }[] {
  const old = openExisting(path.join(dir, STORE_FILE));
  if (old.fd !== undefined) closeSync(old.fd);
  return [...old.rows.values()].map((r) => ({ key: r[0], length: r[2] }));
}
