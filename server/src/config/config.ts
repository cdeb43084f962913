// .dicomsec.yaml: parsing and loading one file. Which file governs a document (the reviewer's,
// never one the vendor put in the reviewed tree unless the reviewer trusts it) is resolve.ts.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import { readTextBounded } from '../core/read-file.js';
import type { Severity } from '../core/findings.js';
import { parseYamlWithSchema } from '../core/yaml-validate.js';
import configSchema from '../../../rules/schema/config.schema.json';

/** Documents of one product named in `pairs:` (at least two of them), paths absolute once resolved. */
export interface PairEntry {
  mds2?: string;
  conformance?: string;
  sbom?: string;
  advisory?: string;
}

export const CONFIG_FILE_NAMES = ['.dicomsec.yaml', '.dicomsec.yml'];

export interface WaiverConfig {
  rule: string;
  documents?: string;
  question?: string;
  section?: string;
  justification: string;
  expires?: string;
  by?: string;
  /** 1-based line of the waiver in its file, for reporting expired waivers. */
  line?: number;
}

export interface RawConfig {
  packs?: Record<string, boolean>;
  customPacks?: string[];
  rules?: Record<string, Severity | 'off'>;
  failOn?: Severity | 'none';
  ignore?: string[];
  waivers?: WaiverConfig[];
  pairs?: PairEntry[];
  trustNestedConfigs?: string[];
  questionnaires?: string[];
  overrides?: { files: string | string[]; packs?: Record<string, boolean>; rules?: Record<string, Severity | 'off'> }[];
  knownExploited?: string;
}

/** Settings for the documents matching some globs (relative to the config's folder), over the file's own. */
export interface ConfigOverride {
  files: string[];
  packs: Record<string, boolean>;
  rules: Record<string, Severity | 'off'>;
}

export interface ResolvedConfig {
  /** The file this came from; undefined for defaults. */
  file?: string;
  /** Folder that relative paths and globs in the config are resolved against. */
  dir: string;
  packs: Record<string, boolean>;
  /** Absolute paths. */
  customPacks: string[];
  rules: Record<string, Severity | 'off'>;
  failOn?: Severity | 'none';
  ignore: string[];
  waivers: WaiverConfig[];
  /** Absolute paths. */
  pairs: PairEntry[];
  /** Globs (relative to `dir`) of nested .dicomsec.yaml files this configuration lets govern their folder. */
  trustNestedConfigs: string[];
  /** Globs (relative to `dir`) of vendor questionnaires whose reviewer decisions become waivers (engine/questionnaires.ts). */
  questionnaires: string[];
  overrides: ConfigOverride[];
  /** Set when this is a nested config honoured through trustNestedConfigs (it never loads custom packs). */
  nested?: boolean;
  /**
   * The known-exploited list (documents/advisory/known-exploited.ts) of the reviewer's
   * configuration: the file, and the folder its real path must stay in when it was written relative.
   */
  knownExploited?: { file: string; within?: string };
}

export function defaultConfig(dir: string): ResolvedConfig {
  return { dir, packs: {}, customPacks: [], rules: {}, ignore: [], waivers: [], pairs: [], trustNestedConfigs: [], questionnaires: [], overrides: [] };
}

/** The nearest config file at or above `start` (a file or folder), or undefined. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function parseConfigText(text: string, file: string): ResolvedConfig {
  const parsed = parseYamlWithSchema<RawConfig | null>(text, configSchema);
  if (parsed.problems.length) {
    const p = parsed.problems[0]!;
    throw new UsageError(`invalid configuration ${file}:${p.line}:${p.column}: ${p.message}`);
  }
  const raw = parsed.value ?? {};
  const dir = path.dirname(file);
  const waivers = (raw.waivers ?? []).map((w, i) => ({ ...w, line: parsed.locate(['waivers', i]).line }));
  return {
    file,
    dir,
    packs: { ...(raw.packs ?? {}) },
    customPacks: (raw.customPacks ?? []).map((p) => path.resolve(dir, p)),
    rules: { ...(raw.rules ?? {}) },
    failOn: raw.failOn,
    ignore: raw.ignore ?? [],
    waivers,
    pairs: (raw.pairs ?? []).map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, path.resolve(dir, v as string)])) as PairEntry),
    trustNestedConfigs: raw.trustNestedConfigs ?? [],
    questionnaires: raw.questionnaires ?? [],
    overrides: (raw.overrides ?? []).map((o) => ({ files: typeof o.files === 'string' ? [o.files] : o.files, packs: { ...(o.packs ?? {}) }, rules: { ...(o.rules ?? {}) } })),
    ...(raw.knownExploited ? { knownExploited: path.isAbsolute(raw.knownExploited) ? { file: raw.knownExploited } : { file: path.resolve(dir, raw.knownExploited), within: dir } } : {}),
  };
}

const loaded = new Map<string, { mtimeMs: number; config: ResolvedConfig }>();

export function loadConfigFile(file: string): ResolvedConfig {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
    const hit = loaded.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.config;
    text = readTextBounded(file, limits.maxConfigBytes);
  } catch (err) {
    throw new UsageError(`cannot read configuration ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const config = parseConfigText(text, file);
  loaded.set(file, { mtimeMs, config });
  return config;
}
