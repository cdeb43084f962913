// One document's review once it is parsed: the rules of its configuration and catalogue, its
// waivers, evidence mapped to the files it came from. Runs wherever the document was parsed (in a
// worker of the pool for the CLI and the language server, in-process otherwise), so only the
// result crosses threads.
import type { Finding } from '../core/findings.js';
import type { ResolvedConfig } from '../config/config.js';
import { configSourceFor, governingConfig, type ConfigSource } from '../config/resolve.js';
import { applyWaivers } from '../config/waivers.js';
import type { ParsedDocument } from '../documents/document.js';
import type { DocumentReview, PendingCrossFinding } from './report.js';
import { buildCatalog, type Catalog } from '../rules/catalog.js';
import { evaluateRule } from '../rules/evaluate.js';
import { crossKinds } from '../rules/rule.js';
import { ruleApplicability, type NotApplicable } from '../rules/applicability.js';
import { sortFindings } from './order.js';
import { mapEvidenceToOrigins } from './origins.js';
import { withSettings, type ConfigOverrides } from './settings.js';
import { knownExploitedSource, loadKnownExploited, markKnownExploited, type KnownExploitedList } from '../documents/advisory/known-exploited.js';

/** What a document is reviewed with: its configuration, the rule catalogue, and the known-exploited list if any. */
export interface ReviewSetup {
  config: ResolvedConfig;
  catalog: Catalog;
  knownExploited?: KnownExploitedList;
}

/** The known-exploited list a document's review uses (the option, else the reviewer's configuration). Throws UsageError for a bad list. */
export function knownExploitedFor(config: ResolvedConfig, options: Pick<DocumentReviewOptions, 'knownExploited' | 'trusted'>): KnownExploitedList | undefined {
  const from = knownExploitedSource(config, options);
  return from ? loadKnownExploited(from) : undefined;
}

/** What a review depends on besides the bytes: passed to review workers as is. */
export interface DocumentReviewOptions {
  /** false in untrusted workspaces: no custom rule packs from the workspace. */
  trusted?: boolean;
  /** Settings that win over .dicomsec.yaml (editor settings). */
  overrides?: ConfigOverrides;
  /** Where the reviewer's configuration comes from (default: looked up from the working directory). */
  config?: ConfigSource;
  /** A known-exploited list (absolute path: --known-exploited, the editor setting); wins over the configuration's. */
  knownExploited?: string;
}

/** Evaluates the rules that apply to one parsed document and applies waivers. */
export function evaluateDocument(doc: ParsedDocument, catalog: Catalog, config: ResolvedConfig): { findings: Finding[]; waived: Finding[]; notApplicable: NotApplicable[]; pendingCross: PendingCrossFinding[] } {
  const subject = { documents: [{ model: doc.model, path: doc.path }] };
  const raw: Finding[] = [];
  const notApplicable: NotApplicable[] = [];
  const pendingCross: PendingCrossFinding[] = [];
  for (const rule of catalog.rules) {
    // A cross rule about a document this one should come with is evaluated on this one alone.
    if (rule.appliesTo === 'cross' && rule.missing && crossKinds(rule)[0] === doc.model.kind) {
      const found = evaluateRule(rule, subject);
      mapEvidenceToOrigins(found, doc.source, doc.path);
      for (const f of found) for (const e of f.evidence) e.path ??= doc.path;
      const outcome = applyWaivers(found, doc.path, config);
      for (const finding of [...outcome.findings, ...outcome.expired, ...outcome.waived]) pendingCross.push({ missing: rule.missing, finding });
      continue;
    }
    if (rule.appliesTo !== doc.model.kind) continue;
    const applies = ruleApplicability(rule, subject);
    if (!applies.applicable) {
      notApplicable.push({ ruleId: rule.id, reason: applies.reason });
      continue;
    }
    raw.push(...evaluateRule(rule, subject));
  }
  mapEvidenceToOrigins(raw, doc.source, doc.path);
  for (const f of raw) for (const e of f.evidence) e.path ??= doc.path;
  const outcome = applyWaivers(raw, doc.path, config);
  return { findings: sortFindings([...outcome.findings, ...outcome.expired], doc.model), waived: outcome.waived, notApplicable, pendingCross };
}

// Setups by the governing config object (a new object when its file changes) and the options: a
// batch of documents under one configuration builds its catalogue once.
const setups = new WeakMap<ResolvedConfig, Map<string, ReviewSetup>>();

/** The configuration, catalogue and known-exploited list governing a document. Throws UsageError for a broken config, pack or list. */
export function reviewSetup(docPath: string, options: DocumentReviewOptions = {}): ReviewSetup {
  const base = governingConfig(docPath, configSourceFor(options)).config;
  const key = JSON.stringify([options.trusted !== false, options.overrides ?? null, options.knownExploited ?? null]);
  let byOptions = setups.get(base);
  if (!byOptions) setups.set(base, (byOptions = new Map()));
  let setup = byOptions.get(key);
  if (!setup) {
    const config = withSettings(base, options.overrides);
    setup = { config, catalog: buildCatalog(config, { trusted: options.trusted }) };
    byOptions.set(key, setup);
  }
  // Loaded each time (once per version of the file): a list edited during an editor session counts.
  const knownExploited = knownExploitedFor(setup.config, options);
  return knownExploited ? { ...setup, knownExploited } : setup;
}

/** PDF: the highest line number on each page, for formats that know only running lines (SARIF). */
export function pageLines(doc: ParsedDocument): number[] | undefined {
  if (doc.source.kind !== 'text' || !doc.source.pages) return undefined;
  const counts = new Array<number>(Math.min(doc.source.pages, 100_000)).fill(0);
  for (const l of doc.source.lines) {
    if (l.page === undefined || l.page < 1 || l.page > counts.length) continue;
    counts[l.page - 1] = Math.max(counts[l.page - 1]!, l.endLine ?? l.line);
  }
  return counts;
}

/** The review of a parsed document, without its source (what crosses threads and goes to the cache). */
export function reviewParsed(parsed: ParsedDocument, setup: ReviewSetup): DocumentReview {
  const doc = markKnownExploited(parsed, setup.knownExploited);
  const { findings, waived, notApplicable, pendingCross } = evaluateDocument(doc, setup.catalog, setup.config);
  const pages = pageLines(doc);
  return { path: doc.path, kind: doc.kind, status: 'reviewed', ...(doc.recognition ? { recognition: doc.recognition } : {}), config: setup.config.file ?? null, findings, waived, ...(notApplicable.length ? { notApplicable } : {}), ...(pendingCross.length ? { pendingCross } : {}), ...(pages ? { pageLines: pages } : {}), model: doc.model };
}

/** Files other than the document itself that its parse read (a reStructuredText tree). */
export function extraSourceFiles(doc: ParsedDocument): string[] {
  const origins = doc.source.kind === 'text' ? doc.source.origins : undefined;
  if (!origins) return [];
  const files = new Set<string>();
  for (const o of origins) if (o && o.file !== doc.path) files.add(o.file);
  return [...files];
}
