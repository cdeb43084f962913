// Runs rules against a document model (or a pair of models for cross-document rules).
import type { Evidence, Finding } from '../core/findings.js';
import type { AnswerValue } from '../documents/mds2/model.js';
import { answerEvidence, celContext, factEvidence, fallbackCsEvidence, type RuleSubject } from './context.js';
import { evaluateCondition } from './expression.js';
import type { CatalogRule } from './rule.js';
import { runBuiltinCheck } from './checks/index.js';
import { findingFor } from './finding.js';

/**
 * The finding for a rule whose condition failed at run time (a CEL type error, a missing key in a
 * custom pack's expression): error level, naming the rule and the error, at the document's start.
 * One broken rule costs its own verdict, never the document's other rules or the rest of the run.
 */
export function ruleErrorFinding(rule: CatalogRule, subject: RuleSubject, error: string): Finding {
  const evidence: Evidence[] = [];
  if (subject.mds2) {
    // The first sheet's A1 for a workbook, line 1 for a form read from text or PDF.
    const sheet = subject.mds2.answers[subject.mds2.order[0] ?? '']?.location.sheet;
    evidence.push(sheet ? { path: subject.mds2Path, section: 'document start', sheet, cell: 'A1' } : { path: subject.mds2Path, section: 'document start', line: 1 });
  }
  if (subject.cs) evidence.push({ path: subject.csPath, section: 'document start', line: 1 });
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
  if (rule.check) {
    if (!subject.mds2) return [];
    return runBuiltinCheck(rule, subject.mds2, subject.mds2Path);
  }
  const matched: Evidence[] = [];
  if (rule.answers) {
    const form = subject.mds2;
    if (!form) return [];
    const ctx = celContext(subject) as { answer: Record<string, string> };
    for (const [id, wanted] of Object.entries(rule.answers)) {
      const value = ctx.answer[id] ?? 'unanswered';
      if (asList(wanted).includes(value as AnswerValue)) matched.push(answerEvidence(form, id, subject.mds2Path));
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
    if ('question' in ref) {
      if (subject.mds2) cited.push(answerEvidence(subject.mds2, ref.question, subject.mds2Path));
    } else if (subject.cs) {
      cited.push(...factEvidence(subject.cs, ref.fact, subject.csPath));
    }
  }
  let evidence = dedupe([...matched, ...cited]);
  if (evidence.length === 0) {
    evidence = subject.cs
      ? [fallbackCsEvidence(subject.cs, subject.csPath)]
      : [{ path: subject.mds2Path, section: 'DOC', quote: subject.mds2?.model ?? subject.mds2?.manufacturer }];
  }
  return [findingFor(rule, evidence)];
}
