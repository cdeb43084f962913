import type { Evidence, Finding } from '../core/findings.js';
import type { CatalogRule } from './rule.js';

export function findingFor(rule: CatalogRule, evidence: Evidence[], message = rule.message): Finding {
  return { ruleId: rule.id, severity: rule.severity, message, evidence, frameworks: rule.frameworks };
}
