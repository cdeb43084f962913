// `dicomsec print-config <file>`: the configuration that governs a file, fully resolved, as
// ESLint's --print-config shows it: which file governs and why, every built-in pack on or off,
// the severity of every rule in force, the threshold, ignore globs, waivers and pairs, and the
// known-exploited list in force (which file, from where, how many entries, its hash).
import path from 'node:path';
import { matchesGlob } from '../core/glob.js';
import { buildCatalog, loadBuiltinPacks } from '../rules/catalog.js';
import { governingConfig, type ConfigSource } from '../config/resolve.js';
import { knownExploitedFor } from './document-review.js';

export function resolvedConfigJson(file: string, source: ConfigSource, options: { knownExploited?: string } = {}): Record<string, unknown> {
  const { config, reviewer, notices } = governingConfig(file, source);
  // Loaded as a review loads it: a list that cannot be read is the same usage error.
  const list = knownExploitedFor(config, options);
  const catalog = buildCatalog(config); // validates pack names and loads custom packs, as a review does
  const rel = path.relative(config.dir, file).split(path.sep).join('/');
  const rules: Record<string, string> = {};
  for (const pack of loadBuiltinPacks()) for (const r of pack.rules) rules[r.id] = 'off';
  for (const r of catalog.rules) rules[r.id] = r.severity;
  return {
    file,
    config: config.file ?? null,
    reviewerConfig: reviewer.file ?? null,
    nestedTrusted: config.nested === true,
    notices: notices.map((n) => ({ kind: n.kind, file: n.file, message: n.message })),
    baseDir: config.dir,
    packs: Object.fromEntries(loadBuiltinPacks().map((p) => [p.pack, config.packs[p.pack] !== false])),
    customPacks: config.customPacks,
    failOn: config.failOn ?? 'error',
    ignore: config.ignore,
    ignored: !rel.startsWith('..') && config.ignore.some((g) => matchesGlob(rel, g)),
    overridesApplied: config.overrides.filter((o) => o.files.some((g) => matchesGlob(rel, g))).map((o) => o.files),
    trustNestedConfigs: config.trustNestedConfigs,
    questionnaires: reviewer.questionnaires,
    rules,
    waivers: config.waivers.filter((w) => !w.documents || matchesGlob(rel, w.documents)).map(({ line: _line, ...w }) => w),
    pairs: config.pairs,
    knownExploited: list
      ? { file: list.file, from: options.knownExploited ? '--known-exploited' : (reviewer.file ?? config.file ?? null), format: list.format, catalogVersion: list.catalogVersion, vulnerabilities: list.entries.size, sha256: list.sha256 }
      : null,
  };
}
