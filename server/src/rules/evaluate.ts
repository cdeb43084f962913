// Runs rules against a document model (or a pair of models for cross-document rules).
import type { Evidence, Finding } from '../core/findings.js';
import { kindOf } from '../documents/kinds.js';
import type { AnswerValue } from '../documents/mds2/model.js';
import { answerEvidence } from '../documents/mds2/kind.js';
import { celContext, documentOfKind, type RuleSubject } from './context.js';
import { evaluateCondition } from './expression.js';
import type { CatalogRule } from './rule.js';
import { runBuiltinCheck } from './checks/index.js';
import { findingFor } from './finding.js';
import { ruleApplicability } from './applicability.js';
import { citeCrossFact } from './cross-facts.js';

/**
 * The finding for a rule whose condition failed at run time (a CEL type error, a missing key in a
 * custom pack's expression): error level, naming the rule and the error, at the document's start.
 * One broken rule costs its own verdict, never the document's other rules or the rest of the run.
 */
export function ruleErrorFinding(rule: CatalogRule, subject: RuleSubject, error: string): Finding {
  const evidence: Evidence[] = subject.documents.map((d) => kindOf(d.model).startEvidence(d.model, d.path));
  if (evidence.length === 0) evidence.push({ section: 'document start', line: 1 });
  for (const e of evidence) if (e.path === undefined) delete e.path;
  return { ruleId: rule.id, severity: 'error', message: `rule ${rule.id} could not be evaluated, so this document was not checked against it: ${error}`, evidence, frameworks: rule.frameworks };
}

function asList(v: AnswerValue | AnswerValue[]): AnswerValue[] {
  return Array.isArray(v) ? v : [v];
}

function dedupe(items: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Evaluates one rule. Returns the findings (usually zero or one; built-in checks may give many). */
export function evaluateRule(rule: CatalogRule, subject: RuleSubject): Finding[] {
  // A rule that does not apply yields no finding; callers that report it ask ruleApplicability.
  if (!ruleApplicability(rule, subject).applicable) return [];
  // Built-in checks and `answers:` are about MDS2 questions (pack validation keeps them off other kinds).
  const form = documentOfKind(subject, 'mds2');
  if (rule.check) return form ? runBuiltinCheck(rule, form.model, form.path) : [];
  const matched: Evidence[] = [];
  if (rule.answers) {
    if (!form) return [];
    const ctx = celContext(subject) as { answer: Record<string, string> };
    for (const [id, wanted] of Object.entries(rule.answers)) {
      const value = ctx.answer[id] ?? 'unanswered';
      if (asList(wanted).includes(value as AnswerValue)) matched.push(answerEvidence(form.model, id, form.path));
    }
    if (matched.length === 0) return [];
  }
  if (rule.when) {
    let fires: boolean;
    try {
      fires = evaluateCondition(rule.when, celContext(subject));
    } catch (err) {
      return [ruleErrorFinding(rule, subject, (err as Error).message)];
    }
    if (!fires) return [];
  }
  const cited: Evidence[] = [];
  for (const ref of rule.evidence ?? []) {
    const between = 'fact' in ref ? citeCrossFact(subject, ref.fact) : undefined;
    if (between) {
      cited.push(...between);
      continue;
    }
    for (const d of subject.documents) {
      const kind = kindOf(d.model);
      const key = kind.citation === 'question' ? ('question' in ref ? ref.question : undefined) : 'fact' in ref ? ref.fact : undefined;
      if (key !== undefined) cited.push(...kind.cite(d.model, key, d.path));
    }
  }
  let evidence = dedupe([...matched, ...cited]);
  // Nothing cited: the subject's last document names the place (for a pair, the statement's security section).
  const last = subject.documents[subject.documents.length - 1];
  if (evidence.length === 0 && last) evidence = [kindOf(last.model).fallbackEvidence(last.model, last.path)];
  return [findingFor(rule, evidence)];
}
