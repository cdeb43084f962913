// Hover, outline and completion, for vendor documents, their review views and dicomsec's own
// configuration files; completion of requirement clauses in RFP drafts.
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import type { ConfigChecks } from './config-checks.js';
import { configCompletion } from './config-files.js';
import { findingsAt, placedHover, UNREADABLE_CODE } from './diagnostics.js';
import type { ReviewTargets } from './review-targets.js';
import { findingHover } from './rule-docs.js';
import type { RuleKnowledge } from './rule-knowledge.js';
import type { Session } from './session.js';
import { textSymbols, viewSymbols } from './symbols.js';
import { isEditableDraft, rfpCompletions } from './rfp-clauses.js';
import type { RuleInfo } from '../rules/rule.js';

/** A flat symbol list with container names, for clients without hierarchical symbols. */
function flatten(uri: string, symbols: DocumentSymbol[]): SymbolInformation[] {
  const flat: SymbolInformation[] = [];
  const walk = (list: DocumentSymbol[], container?: string) => {
    for (const s of list) {
      flat.push({ name: s.name, kind: s.kind, location: { uri, range: s.range }, containerName: container });
      if (s.children) walk(s.children, s.name);
    }
  };
  walk(symbols);
  return flat;
}

export function registerLanguageFeatures(s: Session, targets: ReviewTargets, knowledge: RuleKnowledge, configChecks: ConfigChecks): void {
  const { connection } = s;

  connection.onHover(async (params) => {
    const t = await targets.targetOf(params.textDocument.uri);
    if (t.kind === 'config') return configChecks.hover(t, params.position);
    if (t.kind !== 'review' || t.placement === 'binary') return null;
    // A client that draws review-view findings as decorations shows their hover itself.
    if (t.placement === 'view' && s.features.viewDecorations) return null;
    const entry = await targets.reviewOf(t.docUri, t.path);
    const o = targets.mapOptions(t.placement, params.textDocument.uri, t.docUri, entry);
    const at = findingsAt(entry, o, params.position.line);
    if (!at.length) return null;
    const value = at
      .map((p) => (p.finding.ruleId === UNREADABLE_CODE ? String(p.diagnostic.message) : placedHover(p, entry, o, findingHover)))
      .join('\n\n---\n\n');
    return { contents: { kind: s.features.hoverMarkdown ? 'markdown' : 'plaintext', value } };
  });

  connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[] | SymbolInformation[]> => {
    const t = await targets.targetOf(params.textDocument.uri);
    if (t.kind !== 'review' || t.placement === 'binary') return [];
    const entry = await targets.reviewOf(t.docUri, t.path);
    const symbols = t.placement === 'view' ? viewSymbols(s.reviews.viewOf(entry).symbols) : textSymbols(entry, s.documents.get(t.docUri)?.lineCount ?? 0);
    return s.features.hierarchicalSymbols ? symbols : flatten(params.textDocument.uri, symbols);
  });

  // The RFP rules in force, asked of the pool once per configuration stamp (completion runs often).
  let rfpRules: { stamp: number; rules: Promise<RuleInfo[]> } | undefined;
  const rfpRulesInForce = (): Promise<RuleInfo[]> => {
    if (!rfpRules || rfpRules.stamp !== s.reviews.stamp) {
      const stamp = s.reviews.stamp;
      const rules = knowledge.catalogue().then((all) => all.filter((r) => r.appliesTo === 'rfp'));
      rules.catch(() => {
        if (rfpRules?.stamp === stamp) rfpRules = undefined;
      });
      rfpRules = { stamp, rules };
    }
    return rfpRules.rules;
  };

  // Completion in configuration files and rule packs, and of requirement clauses in RFP drafts.
  connection.onCompletion(async (params) => {
    const t = await targets.targetOf(params.textDocument.uri);
    if (t.kind === 'review' && t.placement === 'text' && isEditableDraft(t.docUri)) {
      const entry = await targets.reviewOf(t.docUri, t.path);
      if (entry.review.kind !== 'rfp') return [];
      const missing = new Set(entry.review.findings.map((f) => f.ruleId));
      return rfpCompletions(await rfpRulesInForce(), missing, s.features.hoverMarkdown);
    }
    if (t.kind !== 'config') return [];
    return configCompletion(t.configKind, t.text, params.position, await knowledge.knownRules());
  });
}
