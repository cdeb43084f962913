// Which configuration governs a document. It comes from the reviewer's side, as ESLint's flat
// config does: `--config FILE`, else the nearest .dicomsec.yaml at or above the working directory
// (the workspace folder in the editor). A .dicomsec.yaml between a document and that root, or
// anywhere under a folder reviewed from outside it, sits in the reviewed tree: whoever wrote the
// documents wrote it too. It is not applied (a notice names it) unless the reviewer's
// configuration trusts it by glob (`trustNestedConfigs`); a trusted one then governs its folder
// as a whole, as the nearest file always did, but never loads custom rule packs.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { matchesGlob } from '../core/glob.js';
import { CONFIG_FILE_NAMES, defaultConfig, findConfigFile, loadConfigFile, type ResolvedConfig } from './config.js';

/** Where the reviewer's configuration comes from: plain data, so it crosses to review workers as is. */
export interface ConfigSource {
  /** Folder the reviewer's configuration is looked up from (working directory, workspace folder). */
  root: string;
  /** `--config FILE` (absolute, or relative to root): the reviewer's configuration, no look-up. */
  file?: string;
  /** `--no-config`: built-in defaults only (nested configs are still reported, never applied). */
  none?: boolean;
}

export type ConfigNoticeKind = 'config-not-applied' | 'custom-packs-not-loaded' | 'known-exploited-not-used';

/** Something about the configuration the reader of a report must know. `file` is absolute. */
export interface ConfigNotice {
  kind: ConfigNoticeKind;
  file: string;
  message: string;
}

export interface GoverningConfig {
  /** The configuration in force for the document, its per-glob overrides applied. */
  config: ResolvedConfig;
  /** The reviewer's configuration (the same object as `config` unless a trusted nested one governs). */
  reviewer: ResolvedConfig;
  notices: ConfigNotice[];
}

const NOT_APPLIED = "configuration file inside the reviewed tree: not applied (the reviewer's configuration governs; trust it with trustNestedConfigs to apply it)";
const PACKS_NOT_LOADED = "trusted nested configuration: its customPacks are not loaded (custom packs come only from the reviewer's configuration)";
const KEV_NOT_USED = "trusted nested configuration: its knownExploited list is not used (the list comes only from the reviewer's configuration or --known-exploited)";

export function configSourceFor(options: { config?: ConfigSource; cwd?: string } = {}): ConfigSource {
  return options.config ?? { root: options.cwd ?? process.cwd() };
}

const defaults = new Map<string, ResolvedConfig>();
function defaultsFor(dir: string): ResolvedConfig {
  let c = defaults.get(dir);
  if (!c) defaults.set(dir, (c = defaultConfig(dir)));
  return c;
}

/** The reviewer's configuration for a run. Throws UsageError for a missing --config file or a broken one. */
export function reviewerConfig(source: ConfigSource): ResolvedConfig {
  const root = path.resolve(source.root);
  if (source.none) return defaultsFor(root);
  if (source.file) {
    const file = path.resolve(root, source.file);
    if (!existsSync(file)) throw new UsageError(`no such configuration file: ${source.file}`);
    return loadConfigFile(file);
  }
  const file = findConfigFile(root);
  return file ? loadConfigFile(file) : defaultsFor(root);
}

function isAtOrAbove(dir: string, root: string): boolean {
  const rel = path.relative(dir, root);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function startFolder(target: string): string {
  const abs = path.resolve(target);
  try {
    if (statSync(abs).isDirectory()) return abs; // an input folder is its own start
  } catch {
    // a document that does not exist (yet): its folder
  }
  return path.dirname(abs);
}

/**
 * Config files in the reviewed tree that would have governed a document in `folder` by the old
 * nearest-file rule, nearest first: in that folder and each folder above it, up to (not
 * including) the root or any folder above the root.
 */
function nestedConfigFilesFrom(folder: string, root: string): string[] {
  const out: string[] = [];
  let dir = folder;
  while (!isAtOrAbove(dir, root)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) out.push(candidate);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

function trusts(reviewer: ResolvedConfig, file: string): boolean {
  if (reviewer.trustNestedConfigs.length === 0 || reviewer.nested) return false;
  const rel = path.relative(reviewer.dir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const relPath = rel.split(path.sep).join('/');
  return reviewer.trustNestedConfigs.some((g) => matchesGlob(relPath, g));
}

// A trusted nested config as it is applied: no custom packs, no trust of its own, and the
// reviewer's known-exploited list rather than its own.
const asNested = new WeakMap<ResolvedConfig, ResolvedConfig>();
function nestedView(config: ResolvedConfig, reviewer: ResolvedConfig): ResolvedConfig {
  let view = asNested.get(config);
  if (!view || view.knownExploited !== reviewer.knownExploited) {
    const { knownExploited: _own, ...rest } = config;
    asNested.set(config, (view = { ...rest, customPacks: [], trustNestedConfigs: [], nested: true, ...(reviewer.knownExploited ? { knownExploited: reviewer.knownExploited } : {}) }));
  }
  return view;
}

// Per-glob overrides applied: one object per set of matching overrides, so catalogues are built
// once per distinct setting (and rebuilt when the file changes, which makes a new base object).
const withOverrides = new WeakMap<ResolvedConfig, Map<string, ResolvedConfig>>();
export function applyOverrides(config: ResolvedConfig, target: string): ResolvedConfig {
  if (config.overrides.length === 0) return config;
  const rel = path.relative(config.dir, path.resolve(target)).split(path.sep).join('/');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return config;
  const matching = config.overrides.flatMap((o, i) => (o.files.some((g) => matchesGlob(rel, g)) ? [i] : []));
  if (matching.length === 0) return config;
  let byKey = withOverrides.get(config);
  if (!byKey) withOverrides.set(config, (byKey = new Map()));
  const key = matching.join(',');
  let out = byKey.get(key);
  if (!out) {
    out = { ...config, packs: { ...config.packs }, rules: { ...config.rules } };
    for (const i of matching) {
      Object.assign(out.packs, config.overrides[i]!.packs);
      Object.assign(out.rules, config.overrides[i]!.rules);
    }
    byKey.set(key, out);
  }
  return out;
}

type FolderResolution = Omit<GoverningConfig, 'config'> & { base: ResolvedConfig };

function resolveFolder(folder: string, source: ConfigSource): FolderResolution {
  const reviewer = reviewerConfig(source);
  const notices: ConfigNotice[] = [];
  let base = reviewer;
  for (const file of nestedConfigFilesFrom(folder, path.resolve(source.root))) {
    if (file === reviewer.file) continue; // --config pointing into the tree: the reviewer chose it
    if (base === reviewer && trusts(reviewer, file)) {
      const nested = loadConfigFile(file);
      base = nestedView(nested, reviewer);
      if (nested.customPacks.length) notices.push({ kind: 'custom-packs-not-loaded', file, message: PACKS_NOT_LOADED });
      if (nested.knownExploited) notices.push({ kind: 'known-exploited-not-used', file, message: KEV_NOT_USED });
      continue;
    }
    notices.push({ kind: 'config-not-applied', file, message: NOT_APPLIED });
  }
  return { base, reviewer, notices };
}

/**
 * The configuration that governs a document (or an input folder), and the notices about the
 * configuration files in the reviewed tree that were found on its way up. Reads the file system
 * each time (the editor sees a config file change at once); a run uses configResolver.
 */
export function governingConfig(target: string, source: ConfigSource): GoverningConfig {
  const { base, reviewer, notices } = resolveFolder(startFolder(target), source);
  return { config: applyOverrides(base, target), reviewer, notices };
}

/**
 * governingConfig for the documents of one run: each folder is resolved once (a batch of 500
 * documents does not walk the same folders 500 times). Document paths only (no folder targets).
 */
export function configResolver(source: ConfigSource): (docPath: string) => GoverningConfig {
  const folders = new Map<string, FolderResolution>();
  return (docPath) => {
    const folder = path.dirname(path.resolve(docPath));
    let r = folders.get(folder);
    if (!r) folders.set(folder, (r = resolveFolder(folder, source)));
    return { config: applyOverrides(r.base, docPath), reviewer: r.reviewer, notices: r.notices };
  };
}
