// Content-hash cache, at two levels:
// - wrap(parse): parsed documents. The key is the sha256 of the bytes plus everything the parse
//   depends on: tool version and build, the budgets in force, the file's extension (it tells text
//   formats apart) and a caller fingerprint. Rules are evaluated on every run.
// - wrapReview(review): whole reviews (findings, waived, kind, model), what `lint --cache` uses.
//   The key adds the document's path (evidence and waiver globs name it) and a fingerprint of
//   everything that can change its findings: the .dicomsec.yaml that governs it (path and bytes),
//   the settings overrides and trust, the built-in packs' hashes, the bytes of its custom packs
//   and of the known-exploited list in force, and the UTC date (rules see `now`, waivers expire by date), so no entry outlives its day.
//   A document assembled from several files (a reStructuredText tree) is not cached.
// Entries live in one file per cache folder (cache-store.ts), read once per run.
// Where: by default the user's cache folder ($XDG_CACHE_HOME/dicomsec, ~/.cache/dicomsec,
// ~/Library/Caches/dicomsec, %LOCALAPPDATA%\dicomsec\Cache), never a folder under review: a
// vendor could ship a cache with forged clean reviews. A cache folder inside a linted folder, a
// symlinked one, or one others may write to is refused.
// Unreadable results are cached only when they follow from the bytes alone: a time-out, an
// out-of-memory or a crashed worker (ParseBudgetError), reader bugs, rule errors and usage errors
// (a broken config or pack) are never cached.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { UnreadableError, UsageError } from '../core/errors.js';
import { limits as defaultLimits, type Limits } from '../core/limits.js';
import { readFileBounded } from '../core/read-file.js';
import { TOOL_VERSION } from '../core/version.js';
import type { DocumentReview } from './report.js';
import { configSourceFor, governingConfig } from '../config/resolve.js';
import type { ParsedDocument } from '../documents/document.js';
import { builtinPackFiles } from '../rules/builtin-packs.js';
import { knownExploitedSource } from '../documents/advisory/known-exploited.js';
import type { DocumentReviewOptions } from './document-review.js';
import type { PackedModel } from './lazy-model.js';
import type { ReviewFn } from './worker-pool.js';
import { ensureCacheDir, openStore, type StoreReader } from './cache-store.js';

export type ParseFn = (path: string, bytes: Uint8Array) => Promise<ParsedDocument>;

export interface CacheOptions {
  /** Cache folder; default: defaultCacheDir(), the user's cache folder. */
  dir?: string;
  /** The folders under review: a cache folder inside one of them is refused (UsageError). */
  linted?: string[];
  /** Size cap of the folder in bytes (default 256 MiB); the oldest entries go first. */
  maxBytes?: number;
  /** Budgets the parse runs under (they change unreadable outcomes, so they are part of the key). */
  limits?: Partial<Limits>;
  /** Anything else the cached value depends on (config, rule packs) when the caller caches more than parsing. */
  fingerprint?: string;
  /** Tool version and build (default: TOOL_VERSION plus the running bundle's size and mtime). */
  version?: string;
  /** The UTC date reviews are keyed by (default: today, YYYY-MM-DD); tests only. */
  today?: () => string;
}

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
  /** Results deliberately not cached (time-outs, crashes, reader bugs). */
  skipped: number;
}

export interface ParseCache {
  readonly dir: string;
  readonly stats: Readonly<CacheStats>;
  /** The key of a document's bytes under this cache's fingerprint. */
  keyFor(path: string, bytes: Uint8Array): string;
  /** A parse function that answers from the cache and stores what `parse` returns. */
  wrap(parse: ParseFn): ParseFn;
  /**
   * A review function that answers from the cache and stores what `review` returns. Files read
   * for the key (configs, custom packs) are read once per cache: use one cache per run.
   */
  wrapReview(review: ReviewFn): ReviewFn;
  /** Writes the run's new entries (one file, within the size cap) and closes the cache; call once at the end of a run. */
  prune(): Promise<void>;
  /** Why the cache was not used or not written (a foreign file in its place), for stderr. */
  readonly notices: ReadonlySet<string>;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** The user's cache folder for dicomsec, outside any folder under review. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'dicomsec', 'Cache');
  if (platform === 'darwin' && home) return path.join(home, 'Library', 'Caches', 'dicomsec');
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'dicomsec');
  if (home && home !== '/') return path.join(home, '.cache', 'dicomsec');
  // No home (a service account): a per-user folder in the temporary folder, checked like any other.
  return path.join(tmpdir(), `dicomsec-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
}

const realOf = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

/** A cache inside a folder under review could have been written by its vendor: refused. */
function refuseInsideLinted(dir: string, linted: string[]): void {
  const real = realOf(dir);
  for (const root of linted) {
    const r = realOf(root);
    const rel = path.relative(r, real);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
      throw new UsageError(`refusing the cache folder ${dir}: it is inside ${root}, a folder under review (a vendor's folder cannot supply its own cached reviews); use --cache-location elsewhere`);
    }
  }
}

/** The running build: version plus the bundle file's identity, so a rebuild invalidates the cache. */
function buildIdentity(): string {
  let id = TOOL_VERSION;
  try {
    const st = statSync(fileURLToPath(import.meta.url));
    id += `:${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    // not on disk (bundled into something else): the version alone
  }
  return id;
}

type Entry =
  | { ok: true; doc: Omit<ParsedDocument, 'path'> }
  | { ok: true; review: Omit<DocumentReview, 'path' | 'model'>; model?: PackedModel }
  | { ok: false; message: string; reason: string };

const sha256hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

let builtinPacksDigest: string | undefined;

/** The built-in packs as shipped: each YAML file's name and hash (the compiled JSON follows them). */
function builtinPacksFingerprint(): string {
  builtinPacksDigest ??= builtinPackFiles()
    .map((f) => `${path.basename(f)}:${sha256hex(readFileSync(f))}`)
    .join(',');
  return builtinPacksDigest;
}

const utcToday = () => new Date().toISOString().slice(0, 10);

function isTransient(err: unknown): boolean {
  return (err as { transient?: unknown })?.transient === true;
}

export function createParseCache(options: CacheOptions = {}): ParseCache {
  const dir = path.resolve(options.dir ?? defaultCacheDir());
  const notices = new Set<string>();
  refuseInsideLinted(dir, options.linted ?? []);
  const usable = ensureCacheDir(dir);
  if (!usable) notices.add(`cannot create the cache folder ${dir}; running without the cache`);
  refuseInsideLinted(dir, options.linted ?? []); // again on the real path, now that it exists
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const budget = { ...defaultLimits, ...(options.limits ?? {}) };
  const salt = createHash('sha256')
    .update(JSON.stringify({ build: options.version ?? buildIdentity(), limits: budget, fingerprint: options.fingerprint ?? '' }))
    .digest('hex');
  const stats: CacheStats = { hits: 0, misses: 0, writes: 0, skipped: 0 };
  const today = options.today ?? utcToday;
  // One run: each config and pack file is read once.
  const fileDigests = new Map<string, string>();
  const digestOf = (file: string, maxBytes = defaultLimits.maxConfigBytes): string => {
    let d = fileDigests.get(file);
    if (d === undefined) {
      try {
        d = sha256hex(readFileBounded(file, maxBytes));
      } catch (err) {
        d = `unreadable:${(err as NodeJS.ErrnoException).code ?? 'error'}`;
      }
      fileDigests.set(file, d);
    }
    return d;
  };

  // The governing configuration by folder and source, once per run (it is one file per folder;
  // per-glob overrides are in that file's bytes, and the document's path is part of the key).
  const governing = new Map<string, { file?: string; customPacks: string[]; knownExploited?: { file: string; within?: string } }>();
  /** Everything besides the bytes that can change a document's findings. Throws UsageError for a broken config. */
  function reviewFingerprint(file: string, opts: DocumentReviewOptions): string {
    const source = configSourceFor({ config: opts.config });
    const memo = `${JSON.stringify(source)}\0${path.dirname(file)}`;
    let g = governing.get(memo);
    if (!g) {
      // A broken config throws the same UsageError as a review.
      const { config } = governingConfig(file, source);
      governing.set(memo, (g = { file: config.file, customPacks: config.customPacks, knownExploited: config.knownExploited }));
    }
    const configFile = g.file;
    const trusted = opts.trusted !== false;
    // The custom packs the config names.
    const customPacks = trusted ? g.customPacks : [];
    // The known-exploited list marks advisory vulnerabilities: its bytes are part of the key.
    const list = knownExploitedSource(g, opts);
    return JSON.stringify({
      config: configFile ? [configFile, digestOf(configFile)] : null,
      overrides: opts.overrides ?? null,
      trusted,
      builtin: builtinPacksFingerprint(),
      custom: customPacks.map((p) => [p, digestOf(p)]),
      knownExploited: list ? [list.file, list.within ?? null, digestOf(list.file, defaultLimits.maxKnownExploitedBytes)] : null,
      day: today(),
    });
  }

  const keyFor = (file: string, bytes: Uint8Array): string =>
    createHash('sha256')
      .update(salt)
      .update('\0')
      .update(path.extname(file).toLowerCase())
      .update('\0')
      .update(bytes)
      .digest('hex');

  const fileFor = (key: string) => path.join(dir, key.slice(0, 2), `${key}.bin`);

  // The store is opened on first use: a run that never asks the cache never reads it.
  let store: StoreReader | undefined;
  const open = (): StoreReader | undefined => {
    if (!usable) return undefined;
    store ??= openStore(dir);
    if (store.notice) notices.add(store.notice);
    return store;
  };

  async function load(key: string): Promise<Entry | undefined> {
    // Entry layout: the length of the v8 payload (8 hex digits), newline, the payload, then a
    // packed model's bytes if any, kept out of the payload so a hit reads them as a view of the
    // entry, never copied or deserialized unless used. The store has checked the entry's hash;
    // anything that still does not parse is a miss.
    const body = open()?.get(key);
    if (!body || body.length < 9) return undefined;
    const length = Number.parseInt(body.toString('latin1', 0, 8), 16);
    if (!Number.isInteger(length) || length < 0 || 9 + length > body.length) return undefined;
    try {
      const entry = deserialize(body.subarray(9, 9 + length)) as Entry & { modelStub?: PackedModel['stub'] };
      if (!entry || typeof entry !== 'object' || typeof entry.ok !== 'boolean') return undefined;
      if (entry.modelStub) {
        const { modelStub, ...rest } = entry;
        return { ...(rest as Entry & { ok: true; review: object }), model: { stub: modelStub, bytes: body.subarray(9 + length) } } as Entry;
      }
      return entry;
    } catch {
      return undefined;
    }
  }

  async function save(key: string, entry: Entry): Promise<void> {
    const s = open();
    if (!s) return;
    try {
      const model = 'review' in entry ? entry.model : undefined;
      const payload = serialize(model ? { ...entry, model: undefined, modelStub: model.stub } : entry);
      const body = Buffer.concat([Buffer.from(`${payload.length.toString(16).padStart(8, '0')}\n`, 'latin1'), payload, ...(model ? [model.bytes] : [])]);
      if (body.length > maxBytes / 4) return;
      s.put(key, body);
      stats.writes++;
    } catch {
      // A cache that cannot be written is only slower, never wrong.
    }
  }

  return {
    dir,
    stats,
    keyFor,
    wrapReview(review: ReviewFn): ReviewFn {
      return async (file, bytes, opts) => {
        const key = createHash('sha256').update('review\0').update(keyFor(file, bytes)).update('\0').update(file).update('\0').update(reviewFingerprint(file, opts)).digest('hex');
        const hit = await load(key);
        if (hit && !('doc' in hit)) {
          stats.hits++;
          if (hit.ok) return { review: { ...hit.review, path: file }, model: hit.model, extraFiles: [] };
          throw new UnreadableError(hit.message, hit.reason);
        }
        stats.misses++;
        let result;
        try {
          result = await review(file, bytes, opts);
        } catch (err) {
          if (err instanceof UnreadableError && !isTransient(err)) await save(key, { ok: false, message: err.message, reason: err.reason });
          else stats.skipped++;
          throw err;
        }
        if (result.extraFiles.length > 0) {
          stats.skipped++; // its findings depend on files the key does not cover
          return result;
        }
        const { path: _path, ...rest } = result.review;
        await save(key, { ok: true, review: rest, model: result.model });
        return result;
      };
    },
    wrap(parse: ParseFn): ParseFn {
      return async (file, bytes) => {
        const key = keyFor(file, bytes);
        const hit = await load(key);
        if (hit && (!hit.ok || 'doc' in hit)) {
          stats.hits++;
          if (hit.ok) return { ...hit.doc, path: file } as ParsedDocument;
          throw new UnreadableError(hit.message, hit.reason);
        }
        stats.misses++;
        let doc: ParsedDocument;
        try {
          doc = await parse(file, bytes);
        } catch (err) {
          if (err instanceof UnreadableError && !isTransient(err)) await save(key, { ok: false, message: err.message, reason: err.reason });
          else stats.skipped++;
          throw err;
        }
        const { path: _path, ...rest } = doc;
        await save(key, { ok: true, doc: rest });
        return doc;
      };
    },
    notices,
    async prune() {
      store?.close(maxBytes);
      store = undefined;
    },
  };
}
