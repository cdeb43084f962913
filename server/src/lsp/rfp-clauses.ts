// The editor's help for RFP drafts: a quick fix on each missing-requirement diagnostic that inserts
// the rule's clause under the draft's "Security requirements" heading (adding the heading when the
// draft has none), a "copy clause" action where the draft cannot be edited (Word, review views),
// completion of every clause in force while writing a Markdown draft, and the whole section on
// request (the palette's "New RFP Security Requirements").
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver/node';
import { clauseGroups, clauseMarkdown, requirementsMarkdown, SECURITY_REQUIREMENTS_HEADING } from '../presenters/rfp-requirements.js';
import type { RuleInfo } from '../rules/rule.js';
import { ClientCommands, extensionOf, RfpRequirementsRequest, ServerCommands, type RfpRequirementsResult } from './protocol.js';
import type { RuleKnowledge } from './rule-knowledge.js';
import type { Session } from './session.js';

/** Drafts the editor may change: Markdown. Word drafts are read-only here (copy the clause instead). */
const EDITABLE = new Set(['md', 'markdown']);

/** A draft the editor may insert clauses into. */
export function isEditableDraft(uri: string): boolean {
  return EDITABLE.has(extensionOf(uri));
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const SECURITY_TITLE = /^(?:[\d.]+\s+)?(?:security requirements?|(?:cyber ?)?security)\s*$/i;

interface Heading {
  line: number;
  /** Last line of the heading (the underline of a setext heading). */
  end: number;
  level: number;
  title: string;
}

/** ATX and setext headings outside code fences. */
function headings(lines: readonly string[]): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = ATX.exec(l);
    if (atx) out.push({ line: i, end: i, level: atx[1]!.length, title: atx[2]!.replace(/\*\*|__/g, '').trim() });
    else if (i + 1 < lines.length && l.trim() && SETEXT.test(lines[i + 1]!) && !/^\s*[-*+]\s/.test(l)) {
      out.push({ line: i, end: i + 1, level: lines[i + 1]!.trim().startsWith('=') ? 1 : 2, title: l.trim() });
      i++;
    }
  }
  return out;
}

/**
 * Where a clause goes in a Markdown draft: after the last line of its security requirements section
 * (the "Security requirements" heading, else a "Security" one), a blank line before it; or, in a
 * draft without one, a new "## Security requirements" section at its end.
 */
export function clauseInsertion(text: string, clause: string): { edit: TextEdit; createsHeading: boolean } {
  const lines = text.split(/\r?\n/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const all = headings(lines);
  const section = all.find((h) => /security requirements?/i.test(h.title) && SECURITY_TITLE.test(h.title)) ?? all.find((h) => SECURITY_TITLE.test(h.title));
  if (section) {
    const next = all.find((h) => h.line > section.end && h.level <= section.level);
    let last = (next ? next.line : lines.length) - 1;
    while (last > section.end && !lines[last]!.trim()) last--;
    const at = { line: last, character: lines[last]!.length };
    return { edit: { range: { start: at, end: at }, newText: `${eol}${eol}${clause}` }, createsHeading: false };
  }
  const lastLine = lines.length - 1;
  const at = { line: lastLine, character: lines[lastLine]!.length };
  const lead = lines[lastLine]!.trim() ? `${eol}${eol}` : lastLine > 0 && lines[lastLine - 1]!.trim() ? eol : '';
  return { edit: { range: { start: at, end: at }, newText: `${lead}## ${SECURITY_REQUIREMENTS_HEADING}${eol}${eol}${clause}${eol}` }, createsHeading: true };
}

const clauseOf = (rule: RuleInfo) => clauseMarkdown({ ruleId: rule.id, heading: rule.rfpHeading ?? rule.title, clause: rule.rfpClause });

/** The clause actions for one diagnostic of an rfp rule (none for rules of other kinds). */
export function rfpClauseActions(s: Session, d: Diagnostic, documentUri: string, rule: RuleInfo | undefined, attach: boolean): CodeAction[] {
  if (!rule || rule.appliesTo !== 'rfp' || !rule.rfpClause?.trim()) return [];
  const on = attach ? { diagnostics: [d] } : {};
  const name = rule.rfpHeading ?? rule.id;
  const open = s.documents.get(documentUri);
  if (attach && open && isEditableDraft(documentUri)) {
    const { edit, createsHeading } = clauseInsertion(open.getText(), clauseOf(rule));
    return [
      {
        title: `Insert the RFP clause "${name}" ${createsHeading ? `in a new "${SECURITY_REQUIREMENTS_HEADING}" section` : 'in the security requirements section'}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        ...on,
        edit: { changes: { [documentUri]: [edit] } },
      },
    ];
  }
  const { clientCommands } = s.features;
  return [
    {
      title: clientCommands ? `Copy the RFP clause "${name}"` : `Show the RFP clause "${name}"`,
      kind: CodeActionKind.QuickFix,
      ...on,
      command: { title: 'RFP clause', command: clientCommands ? ClientCommands.copyClause : ServerCommands.showClause, arguments: [clauseOf(rule), rule.id] },
    },
  ];
}

/**
 * Completions of every RFP clause in force, the ones the draft still lacks first. `missing` holds
 * the rule ids of the draft's current findings.
 */
export function rfpCompletions(rules: readonly RuleInfo[], missing: ReadonlySet<string>, markdown: boolean): CompletionItem[] {
  return rules
    .filter((r) => r.appliesTo === 'rfp' && r.rfpClause?.trim())
    .map((r, i) => {
      const heading = r.rfpHeading ?? r.title;
      const lacking = missing.has(r.id);
      return {
        label: heading,
        kind: CompletionItemKind.Snippet,
        detail: `${r.id}${lacking ? ' \u2014 missing from this draft' : ''}`,
        documentation: markdown ? { kind: MarkupKind.Markdown, value: `${clauseOf(r)}\n\n*${r.title}* (${r.id})` } : r.rfpClause,
        insertText: clauseOf(r),
        insertTextFormat: InsertTextFormat.PlainText,
        filterText: `${heading} ${r.id} requirement clause`,
        sortText: `${lacking ? 0 : 1}${String(i).padStart(3, '0')}`,
      };
    });
}

/** Answers the client's request for a whole security requirements section (the rfp rules in force). */
export function registerRfpRequirements(s: Session, knowledge: RuleKnowledge): void {
  s.connection.onRequest(RfpRequirementsRequest, async (): Promise<RfpRequirementsResult> => {
    const groups = clauseGroups((await knowledge.catalogue()).filter((r) => r.appliesTo === 'rfp'));
    return { markdown: requirementsMarkdown(groups), clauses: groups.reduce((n, g) => n + g.clauses.length, 0) };
  });
}
