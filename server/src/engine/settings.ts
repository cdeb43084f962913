// The configuration and rule catalogue in force for a document: its .dicomsec.yaml, with editor
// settings (overrides) on top.
import { configFor, type ResolvedConfig } from '../config/config.js';
import type { Severity } from '../core/findings.js';
import { buildCatalog, type Catalog } from '../rules/catalog.js';

export interface ConfigOverrides {
  packs?: Record<string, boolean>;
  rules?: Record<string, Severity | 'off'>;
}

export function effectiveConfig(docPath: string, overrides?: ConfigOverrides): ResolvedConfig {
  const config = configFor(docPath);
  if (!overrides) return config;
  return {
    ...config,
    packs: { ...config.packs, ...(overrides.packs ?? {}) },
    rules: { ...config.rules, ...(overrides.rules ?? {}) },
  };
}

export function catalogFor(docPath: string, options: { trusted?: boolean; overrides?: ConfigOverrides } = {}): Catalog {
  return buildCatalog(effectiveConfig(docPath, options.overrides), { trusted: options.trusted });
}

