// A rule as loaded from a pack: data only. See rules/README.md for the authoring format.
import type { FrameworkMap, Severity } from '../core/findings.js';
import type { KindId } from '../documents/kinds.js';
import type { AnswerValue } from '../documents/mds2/model.js';

/** A registered document kind (documents/kinds.ts), or `cross` for documents of one product checked against each other. */
export type AppliesTo = KindId | 'cross';

/** The documents a cross rule compares when it names none: an MDS2 form and a conformance statement. */
export const DEFAULT_BETWEEN: readonly KindId[] = ['mds2', 'conformance-statement'];

/** The kinds a cross rule's subject holds, the first one being the document it is anchored on. */
export function crossKinds(rule: Pick<RuleDefinition, 'between'>): readonly KindId[] {
  return rule.between?.length ? rule.between : DEFAULT_BETWEEN;
}
export type BuiltinCheck = 'mds2-unanswered' | 'mds2-see-note-missing' | 'mds2-contradiction' | 'mds2-contradicted-mitigation';

/** Roles a rule presupposes (any one suffices): see documents/conformance/network-role.ts. */
export type RequiredRole = 'network' | 'dimse' | 'listener' | 'initiator' | 'webServer' | 'webClient';
export const REQUIRED_ROLES: readonly RequiredRole[] = ['network', 'dimse', 'listener', 'initiator', 'webServer', 'webClient'];

export type EvidenceRef = { question: string } | { fact: string };

export interface RuleDefinition {
  id: string;
  title: string;
  severity: Severity;
  appliesTo: AppliesTo;
  /** Cross rules: the kinds of the documents compared, anchor first (default: mds2, conformance-statement). */
  between?: KindId[];
  /** Cross rules: the rule is about a document of this kind being absent: evaluated on each anchor document no such document of the same product accompanies. */
  missing?: KindId;
  group?: string;
  frameworks: FrameworkMap;
  answers?: Record<string, AnswerValue | AnswerValue[]>;
  when?: string;
  check?: BuiltinCheck;
  /** The product roles the rule presupposes; when the product has none of them the rule is not applicable. */
  requires?: RequiredRole[];
  /** CEL: the rule applies only when this is true (otherwise it is reported as not applicable). */
  applicableWhen?: string;
  /** Why the rule does not apply when `applicableWhen` is false, for the report. */
  notApplicableReason?: string;
  evidence?: EvidenceRef[];
  message: string;
  rationale: string;
  remediation: string;
  question: string;
  rfpClause: string;
  /** Short name of the requirement the clause states ('Software bill of materials'): its heading in RFP sections and completions. */
  rfpHeading?: string;
  help?: string;
}

export interface RuleGroup {
  id: string;
  title: string;
  description?: string;
}

export interface RulePack {
  pack: string;
  title: string;
  description?: string;
  groups?: RuleGroup[];
  rules: RuleDefinition[];
  /** Where the pack was loaded from. */
  file: string;
}

/** A rule with the pack it came from, as the catalogue hands it out. */
export interface CatalogRule extends RuleDefinition {
  pack: string;
  groupTitle?: string;
}

/** A rule as editors need it for hover, actions and docs: plain data, without its matchers. */
export type RuleInfo = Omit<CatalogRule, 'answers' | 'evidence' | 'when' | 'check'> & { when?: string; check?: string };

export function ruleInfo(rule: CatalogRule): RuleInfo {
  const { answers: _a, evidence: _e, ...rest } = rule;
  return rest;
}
