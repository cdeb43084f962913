// Quick fixes keyed by rule id, from the data each diagnostic carries: waive the finding with a
// justification, the vendor follow-up question, the rule's documentation; for an RFP draft, the
// requirement clause it lacks (rfp-clauses.ts). Review views carry no
// diagnostics, so there the actions come from the findings on the selected lines.
import { CodeActionKind, type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver/node';
import { findingsAt, UNREADABLE_CODE } from './diagnostics.js';
import { ClientCommands, DIAGNOSTIC_SOURCE, ServerCommands, type AddWaiverParams, type DiagnosticData } from './protocol.js';
import { isReviewViewUri, type ReviewTargets } from './review-targets.js';
import type { Session } from './session.js';
import { rfpClauseActions } from './rfp-clauses.js';

/**
 * The actions for these diagnostics, once per rule, place and document. `attach` ties each
 * action to its diagnostic (not in review views, which have none).
 */
export function codeActionsFor(s: Session, diagnostics: Diagnostic[], attach: boolean): CodeAction[] {
  const { clientCommands } = s.features;
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const data = d.data as DiagnosticData | undefined;
    if (!data?.ruleId || data.ruleId === UNREADABLE_CODE) continue;
    const rule = s.ruleInfo(data.ruleId);
    const where = data.questionId ? ` (${data.questionId})` : data.section ? ` (§ ${data.section})` : '';
    const once = `${data.ruleId}\u0000${where}\u0000${data.documentUri}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const on = attach ? { diagnostics: [d] } : {};
    // An RFP draft's missing requirement: its clause first (inserted, or copied from a Word draft).
    actions.push(...rfpClauseActions(s, d, data.documentUri, rule, attach));
    if (!data.waived) {
      const args: Omit<AddWaiverParams, 'justification'> = {
        uri: data.documentUri,
        ruleId: data.ruleId,
        questionId: data.questionId,
        section: data.questionId ? undefined : data.section,
        thisDocumentOnly: true,
      };
      actions.push({
        title: data.cross
          ? `Waive ${data.ruleId}${where} for this form and statement with a justification…`
          : `Waive ${data.ruleId}${where} for this document with a justification…`,
        kind: CodeActionKind.QuickFix,
        ...on,
        command: { title: 'Waive finding', command: clientCommands ? ClientCommands.waive : ServerCommands.waive, arguments: [args] },
      });
    }
    const followUp = data.followUp ?? rule?.question;
    if (followUp) {
      actions.push({
        title: clientCommands ? `Copy the vendor follow-up question for ${data.ruleId}` : `Show the vendor follow-up question for ${data.ruleId}`,
        kind: CodeActionKind.QuickFix,
        ...on,
        command: { title: 'Vendor follow-up question', command: clientCommands ? ClientCommands.copyQuestion : ServerCommands.showQuestion, arguments: [followUp, data.ruleId] },
      });
    }
    actions.push({
      title: `Open the documentation of ${data.ruleId}`,
      kind: CodeActionKind.QuickFix,
      ...on,
      command: { title: 'Rule documentation', command: clientCommands ? ClientCommands.openRule : ServerCommands.showRule, arguments: [data.ruleId] },
    });
  }
  return actions;
}

export function registerCodeActions(s: Session, targets: ReviewTargets): void {
  s.connection.onCodeAction(async (params): Promise<(CodeAction | Command)[]> => {
    let diagnostics = params.context.diagnostics;
    let attach = true;
    if (isReviewViewUri(params.textDocument.uri)) {
      const t = await targets.targetOf(params.textDocument.uri);
      if (t.kind !== 'review') return [];
      const entry = await targets.reviewOf(t.docUri, t.path);
      diagnostics = findingsAt(entry, targets.mapOptions('view', params.textDocument.uri, t.docUri, entry), params.range.start.line, params.range.end.line).map((p) => p.diagnostic);
      attach = false;
    }
    const actions = codeActionsFor(s, diagnostics, attach);
    // Clients without code-action literals take plain commands.
    return s.features.codeActionLiterals ? actions : actions.map((a) => a.command!).filter(Boolean);
  });
}
