// Loads a rule pack from YAML: schema validation, then the checks a schema cannot express
// (CEL syntax, group references, unique ids). Problems carry positions for editors.
import { UsageError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import { readTextBounded } from '../core/read-file.js';
import { parseYamlWithSchema, type YamlProblem } from '../core/yaml-validate.js';
import { compileExpression, ExpressionError } from './expression.js';
import { crossKinds, type RulePack } from './rule.js';
import { KINDS, isKindId, kindEntry } from '../documents/kinds.js';
import packSchema from '../../../rules/schema/rule-pack.schema.json';

/** Kinds made of answered questions: the only ones `answers:` and the MDS2 checks apply to. */
const QUESTION_KINDS = KINDS.filter((k) => k.citation === 'question').map((k) => k.id);

export interface PackValidation {
  pack?: RulePack;
  problems: YamlProblem[];
}

export function validateRulePackText(text: string, file: string): PackValidation {
  const parsed = parseYamlWithSchema<Omit<RulePack, 'file'>>(text, packSchema);
  if (!parsed.value) return { problems: parsed.problems };
  const raw = parsed.value;
  const problems: YamlProblem[] = [];
  const groups = new Set((raw.groups ?? []).map((g) => g.id));
  const seen = new Set<string>();
  raw.rules.forEach((rule, i) => {
    const at = (key: string, message: string) =>
      problems.push({ message, path: `/rules/${i}/${key}`, ...parsed.locate(['rules', i, key]) });
    if (seen.has(rule.id)) at('id', `duplicate rule id ${rule.id}`);
    seen.add(rule.id);
    if (rule.group && !groups.has(rule.group)) at('group', `unknown group "${rule.group}"; declare it under groups:`);
    for (const key of ['when', 'applicableWhen'] as const) {
      const expression = rule[key];
      if (!expression) continue;
      try {
        compileExpression(expression);
      } catch (err) {
        if (err instanceof ExpressionError) at(key, err.message);
        else throw err;
      }
    }
    if (rule.notApplicableReason && !rule.applicableWhen) at('notApplicableReason', 'notApplicableReason explains applicableWhen; add applicableWhen or remove it');
    if (rule.appliesTo !== 'cross' && !isKindId(rule.appliesTo)) {
      at('appliesTo', `unknown document kind "${rule.appliesTo}" (known: ${[...KINDS.map((k) => k.id), 'cross'].join(', ')})`);
    } else if ((rule.answers || rule.check) && rule.appliesTo !== 'cross' && kindEntry(rule.appliesTo)?.citation !== 'question') {
      at('appliesTo', `answers and built-in checks need appliesTo ${QUESTION_KINDS.join(' or ')} or cross`);
    }
    if (rule.check && (rule.answers || rule.when)) at('check', 'a built-in check cannot be combined with answers or when');
    for (const problem of crossProblems(rule)) at(problem.key, problem.message);
  });
  if (problems.length) return { problems };
  return { pack: { ...raw, file }, problems };
}

/** What a schema cannot say about `between:` and `missing:`. */
function crossProblems(rule: RulePack['rules'][number]): { key: string; message: string }[] {
  const out: { key: string; message: string }[] = [];
  if (rule.appliesTo !== 'cross') {
    for (const key of ['between', 'missing'] as const) if (rule[key] !== undefined) out.push({ key, message: `${key} is for cross rules (appliesTo: cross)` });
    return out;
  }
  const kinds = crossKinds(rule);
  if (rule.missing !== undefined) {
    if (kinds.includes(rule.missing)) out.push({ key: 'missing', message: `missing names ${rule.missing}, which between also lists; a rule about an absent document cannot compare it` });
    else if (kinds.length !== 1) out.push({ key: 'between', message: 'a rule about an absent document is evaluated on one document: between lists its kind alone' });
  } else if (kinds.length < 2) {
    out.push({ key: 'between', message: 'a cross rule compares at least two kinds of document (or names the absent one with missing:)' });
  }
  if ((rule.answers || rule.check) && !kinds.includes('mds2')) out.push({ key: 'between', message: 'answers and built-in checks read an MDS2 form: between must list mds2' });
  if (rule.requires?.length && !kinds.includes('conformance-statement') && !kinds.includes('mds2')) out.push({ key: 'requires', message: 'requires is judged from a conformance statement or an MDS2 form: between must list one' });
  return out;
}

export function loadRulePack(file: string): RulePack {
  let text: string;
  try {
    text = readTextBounded(file, limits.maxConfigBytes);
  } catch (err) {
    throw new UsageError(`cannot read rule pack ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { pack, problems } = validateRulePackText(text, file);
  if (!pack) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`invalid rule pack ${file}:${first.line}:${first.column}: ${first.message}${more}`);
  }
  return pack;
}
