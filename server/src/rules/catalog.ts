// The rules in force for a configuration: the built-in packs it enables, its custom packs (in
// trusted workspaces only), with its severity overrides applied.
import { UsageError } from '../core/errors.js';
import { defaultConfig, type ResolvedConfig } from '../config/config.js';
import { loadRulePack } from './pack.js';
import { readBuiltinPacks } from './builtin-packs.js';
import type { CatalogRule, RulePack } from './rule.js';

export interface Catalog {
  packs: RulePack[];
  rules: CatalogRule[];
  get(id: string): CatalogRule | undefined;
}

let builtinPacks: RulePack[] | undefined;

export function loadBuiltinPacks(): RulePack[] {
  builtinPacks ??= readBuiltinPacks();
  return builtinPacks;
}

const customPackCache = new Map<string, RulePack>();

export interface CatalogOptions {
  /** false in untrusted workspaces: custom packs from the workspace are not loaded. */
  trusted?: boolean;
}

export function buildCatalog(config: ResolvedConfig, options: CatalogOptions = {}): Catalog {
  const builtin = loadBuiltinPacks();
  const known = new Set(builtin.map((p) => p.pack));
  for (const name of Object.keys(config.packs)) {
    if (!known.has(name)) {
      throw new UsageError(`${config.file ?? 'configuration'}: unknown pack "${name}" (built-in packs: ${[...known].join(', ')})`);
    }
  }
  const packs = builtin.filter((p) => config.packs[p.pack] !== false);
  if (options.trusted !== false) {
    for (const file of config.customPacks) {
      let pack = customPackCache.get(file);
      if (!pack) {
        pack = loadRulePack(file);
        customPackCache.set(file, pack);
      }
      packs.push(pack);
    }
  }
  const byId = new Map<string, CatalogRule>();
  const rules: CatalogRule[] = [];
  for (const pack of packs) {
    const groupTitles = new Map((pack.groups ?? []).map((g) => [g.id, g.title]));
    for (const rule of pack.rules) {
      if (byId.has(rule.id)) {
        throw new UsageError(`rule ${rule.id} is defined twice: in pack ${byId.get(rule.id)!.pack} and in ${pack.file}`);
      }
      const override = config.rules[rule.id];
      if (override === 'off') continue;
      const entry: CatalogRule = {
        ...rule,
        severity: override ?? rule.severity,
        pack: pack.pack,
        groupTitle: rule.group ? groupTitles.get(rule.group) : undefined,
      };
      byId.set(rule.id, entry);
      rules.push(entry);
    }
  }
  return { packs, rules, get: (id) => byId.get(id) };
}

/** Every rule of every built-in pack, regardless of configuration (for docs and editors). */
export function fullCatalog(): Catalog {
  return buildCatalog(defaultConfig(process.cwd()));
}
