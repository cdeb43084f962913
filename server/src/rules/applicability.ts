// Whether a rule applies to a document at all. A rule presupposes product roles (`requires:`, any
// one suffices) or a condition (`applicableWhen:`); a rule that does not apply is reported as not
// applicable with its reason, never as a finding and never silently dropped.
import type { ConformanceStatement } from '../documents/conformance/model.js';
import { networkRoleOf, type NetworkRole } from '../documents/conformance/network-role.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import { mds2NetworkExposure } from '../documents/mds2/exposure.js';
import { celContext, documentOfKind, type RuleSubject } from './context.js';
import { evaluateCondition } from './expression.js';
import type { RequiredRole, RuleDefinition } from './rule.js';

export interface NotApplicable {
  ruleId: string;
  reason: string;
}

export type Applicability = { applicable: true } | { applicable: false; reason: string };

const APPLIES: Applicability = { applicable: true };

const ROLE_WORDS: Record<RequiredRole, string> = {
  network: 'a network service',
  dimse: 'DICOM network services (DIMSE)',
  listener: 'a DICOM listener (it accepts associations)',
  initiator: 'a DICOM initiator (it opens associations)',
  webServer: 'a web server (DICOMweb or a web interface)',
  webClient: 'a DICOMweb client',
};

function holds(role: RequiredRole, r: NetworkRole): boolean {
  switch (role) {
    case 'network':
      return !r.offline && (r.listener || r.initiator || r.webServer || r.webClient);
    case 'dimse':
      return r.listener || r.initiator;
    default:
      return r[role];
  }
}

/** Why the product lacks a role: the basis of the role the requirement hinges on. */
function lackReason(role: RequiredRole, r: NetworkRole): string {
  if (r.offline) return r.basis.offline;
  switch (role) {
    case 'network':
    case 'dimse':
      return [r.basis.listener, r.basis.initiator].filter((b, i, all) => all.indexOf(b) === i).join('; ');
    default:
      return r.basis[role];
  }
}

function statementApplicability(required: RequiredRole[], cs: ConformanceStatement): Applicability {
  const role = networkRoleOf(cs);
  if (required.some((r) => holds(r, role))) return APPLIES;
  const first = required[0]!;
  const needs = required.map((r) => ROLE_WORDS[r]).join(' or ');
  return { applicable: false, reason: `the rule presupposes ${needs}; ${lackReason(first, role)}` };
}

function formApplicability(required: RequiredRole[], form: Mds2Form): Applicability {
  // An MDS2 form shows only whether the device is networked at all (CONN, MPII-3.x, RMOT).
  const exposure = mds2NetworkExposure(form);
  if (!exposure.notNetworked) return APPLIES;
  return { applicable: false, reason: `the rule presupposes ${required.map((r) => ROLE_WORDS[r]).join(' or ')}; ${exposure.notNetworked}` };
}

export function ruleApplicability(rule: RuleDefinition, subject: RuleSubject): Applicability {
  if (rule.requires?.length) {
    // A pair is judged by its statement, which says more about the product's roles than the form.
    const cs = documentOfKind(subject, 'conformance-statement');
    const form = documentOfKind(subject, 'mds2');
    const verdict = cs ? statementApplicability(rule.requires, cs.model) : form ? formApplicability(rule.requires, form.model) : APPLIES;
    if (!verdict.applicable) return verdict;
  }
  if (rule.applicableWhen) {
    let applies: boolean;
    try {
      applies = evaluateCondition(rule.applicableWhen, celContext(subject));
    } catch {
      // A condition that cannot be evaluated does not excuse the rule: it applies.
      return APPLIES;
    }
    if (!applies) return { applicable: false, reason: rule.notApplicableReason ?? `its applicability condition is false: ${rule.applicableWhen}` };
  }
  return APPLIES;
}
