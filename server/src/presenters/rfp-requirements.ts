// A security requirements section for an RFP, written from the rule packs' `rfpClause` texts:
// grouped by the packs' groups (topics), each clause under its short heading, its citations kept.
// `dicomsec rfp` prints it as Markdown or Word; the editor inserts single clauses from the same list.
import type { CatalogRule } from '../rules/rule.js';
import { markdownText } from './safe-text.js';
import { writeDocx, type DocxBlock } from './docx-writer.js';

export interface RequirementClause {
  ruleId: string;
  /** Short name of the requirement: the rule's rfpHeading, else its title. */
  heading: string;
  clause: string;
}

export interface ClauseGroup {
  title: string;
  clauses: RequirementClause[];
}

/** The heading under which missing requirements are inserted and which this section starts with. */
export const SECURITY_REQUIREMENTS_HEADING = 'Security requirements';
export const RFP_DOCUMENT_TITLE = 'Security requirements for a request for proposal (RFP)';
/** Says what the section is and how offerors answer it (it also makes the output read as an RFP). */
export const RFP_INTRODUCTION =
  'Offerors shall meet each requirement below and shall state in their proposal how the offered product meets it, citing their MDS2 form and product documentation. These requirements are part of the evaluation criteria.';

/** One clause per rule that has one, grouped by the rule's group in pack order (rules without a group last). */
export function clauseGroups(rules: readonly Pick<CatalogRule, 'id' | 'title' | 'group' | 'groupTitle' | 'rfpClause' | 'rfpHeading'>[]): ClauseGroup[] {
  const groups = new Map<string, ClauseGroup>();
  for (const r of rules) {
    if (!r.rfpClause?.trim()) continue;
    const title = r.groupTitle ?? (r.group ? r.group : 'Other requirements');
    let g = groups.get(title);
    if (!g) groups.set(title, (g = { title, clauses: [] }));
    g.clauses.push({ ruleId: r.id, heading: r.rfpHeading ?? r.title, clause: r.rfpClause.trim() });
  }
  return [...groups.values()];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One clause as a Markdown paragraph: the bold heading, then the clause. */
export function clauseMarkdown(c: RequirementClause): string {
  return `**${markdownText(oneLine(c.heading))}.** ${markdownText(oneLine(c.clause))}`;
}

/** The whole section: a title, the introduction, and the clauses by group, numbered. */
export function requirementsMarkdown(groups: readonly ClauseGroup[]): string {
  const out = [`# ${RFP_DOCUMENT_TITLE}`, '', RFP_INTRODUCTION, '', `## ${SECURITY_REQUIREMENTS_HEADING}`, ''];
  let n = 0;
  for (const g of groups) {
    out.push(`### ${markdownText(oneLine(g.title))}`, '');
    for (const c of g.clauses) out.push(`${++n}. ${clauseMarkdown(c)}`, '');
  }
  return out.join('\n');
}

/** The same section as Word paragraphs (the clause and heading texts are written as text, not markup). */
export function requirementsDocxBlocks(groups: readonly ClauseGroup[]): DocxBlock[] {
  const blocks: DocxBlock[] = [
    { kind: 'title', text: RFP_DOCUMENT_TITLE },
    { kind: 'paragraph', text: RFP_INTRODUCTION },
    { kind: 'heading', level: 1, text: SECURITY_REQUIREMENTS_HEADING },
  ];
  let n = 0;
  for (const g of groups) {
    blocks.push({ kind: 'heading', level: 2, text: oneLine(g.title) });
    for (const c of g.clauses) blocks.push({ kind: 'paragraph', number: ++n, lead: `${oneLine(c.heading)}.`, text: oneLine(c.clause) });
  }
  return blocks;
}

export function requirementsDocx(groups: readonly ClauseGroup[]): Uint8Array {
  return writeDocx(requirementsDocxBlocks(groups));
}
