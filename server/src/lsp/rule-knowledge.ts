// The rules the server knows: the catalogue in force (for the rule list and documentation pages)
// and every built-in rule and pack (for checking `.dicomsec.yaml` and rule packs as they are
// edited). Both come from the worker pool; the full list is kept until the configuration changes.
import { configSourceFor } from '../config/resolve.js';
import { limits } from '../core/limits.js';
import { knownRulesOf, type KnownRules } from './config-files.js';
import {
  RuleCatalogueRequest,
  RuleDocumentationRequest,
  type RuleDocumentationParams,
  type RuleDocumentationResult,
  type RuleSummary,
} from './protocol.js';
import type { RuleInfo } from '../rules/rule.js';
import { catalogueDocument, ruleDocumentation } from './rule-docs.js';
import type { Session } from './session.js';

export class RuleKnowledge {
  private known: KnownRules | undefined;
  private loading: Promise<KnownRules | undefined> | undefined;

  constructor(private readonly s: Session) {}

  /** Every built-in rule and pack, loaded once (undefined when the catalogue cannot be loaded). */
  knownRules(): Promise<KnownRules | undefined> {
    if (this.known) return Promise.resolve(this.known);
    const { pool, workspace, reviews, log } = this.s;
    this.loading ??= pool
      .run({ type: 'catalogue', path: workspace.folders[0] ?? process.cwd(), options: { trusted: this.s.features.trusted, config: configSourceFor({ cwd: workspace.folders[0] }) }, all: true })
      .then((rules) => {
        this.known = knownRulesOf(rules);
        for (const r of rules) if (!reviews.rules.has(r.id)) reviews.rules.set(r.id, r);
        return this.known;
      })
      .catch((err: Error) => {
        log(`cannot load the rule catalogue: ${err.message}`);
        return undefined;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Settings or configuration files changed: load again when next needed. */
  forget(): void {
    this.known = undefined;
  }

  /** The rules in force for the first workspace folder, with the settings' overrides. */
  catalogue(): Promise<RuleInfo[]> {
    const { pool, workspace, settings } = this.s;
    return pool.run({ type: 'catalogue', path: workspace.folders[0] ?? process.cwd(), options: { trusted: this.s.features.trusted, config: configSourceFor({ cwd: workspace.folders[0] }), overrides: { packs: settings.packs, rules: settings.rules } } });
  }

  async documentation(ruleId: string): Promise<string> {
    if (ruleId === 'catalogue') return catalogueDocument(await this.catalogue());
    const rule = this.s.ruleInfo(ruleId) ?? (await this.knownRules())?.rules.get(ruleId);
    if (!rule) return `# ${ruleId}\n\nThis rule is not in the catalogue in force (a custom pack that is not loaded, or a pack turned off).\n`;
    return ruleDocumentation(rule);
  }

  register(): void {
    const { connection } = this.s;
    connection.onRequest(RuleCatalogueRequest, async (): Promise<RuleSummary[]> =>
      (await this.catalogue()).map((r) => ({ id: r.id, title: r.title, severity: r.severity, appliesTo: r.appliesTo, pack: r.pack, frameworks: r.frameworks as Record<string, string[]> })),
    );
    connection.onRequest(RuleDocumentationRequest, async (params: RuleDocumentationParams): Promise<RuleDocumentationResult> => ({
      ruleId: params.ruleId,
      markdown: await this.documentation(params.ruleId),
    }));
  }
}
