// The configuration and rule catalogue in force for a document: the one config/resolve.ts says
// governs it (the reviewer's), with editor settings (overrides) on top.
import type { ResolvedConfig } from '../config/config.js';
import { configSourceFor, governingConfig, type ConfigSource } from '../config/resolve.js';
import type { Severity } from '../core/findings.js';
import { buildCatalog, type Catalog } from '../rules/catalog.js';

export interface ConfigOverrides {
  packs?: Record<string, boolean>;
  rules?: Record<string, Severity | 'off'>;
}

/** What decides a document's configuration besides its path. */
export interface ConfigOptions {
  /** Settings that win over .dicomsec.yaml (editor settings). */
  overrides?: ConfigOverrides;
  /** Where the reviewer's configuration comes from; default: looked up from `cwd`. */
  config?: ConfigSource;
  /** Root of the look-up when `config` is absent; default: the process's working directory. */
  cwd?: string;
}

export function withSettings(config: ResolvedConfig, overrides?: ConfigOverrides): ResolvedConfig {
  if (!overrides) return config;
  return {
    ...config,
    packs: { ...config.packs, ...(overrides.packs ?? {}) },
    rules: { ...config.rules, ...(overrides.rules ?? {}) },
  };
}

export function effectiveConfig(docPath: string, options: ConfigOptions = {}): ResolvedConfig {
  return withSettings(governingConfig(docPath, configSourceFor(options)).config, options.overrides);
}

export function catalogFor(docPath: string, options: ConfigOptions & { trusted?: boolean } = {}): Catalog {
  return buildCatalog(effectiveConfig(docPath, options), { trusted: options.trusted });
}
