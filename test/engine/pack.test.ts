import { describe, expect, it } from 'vitest';
import { validateRulePackText } from '../../server/src/rules/pack.js';

const rule = (extra: string) => `
  - id: TEST-ONE-001
    title: A test rule
    severity: warning
    appliesTo: mds2
    frameworks: { nist-800-53: [SC-8] }
    message: m
    rationale: r
    remediation: f
    question: q
    rfpClause: c
${extra}`;

describe('rule pack validation', () => {
  it('accepts a well-formed pack', () => {
    const { pack, problems } = validateRulePackText(`pack: test\ntitle: Test\nrules:${rule('    answers: { CONN-7: no }')}`, 'x.yaml');
    expect(problems).toEqual([]);
    expect(pack?.rules[0]?.answers).toEqual({ 'CONN-7': 'no' });
  });

  it('points at an unknown key with its line', () => {
    const text = `pack: test\ntitle: Test\nrules:${rule('    answers: { CONN-7: no }\n    severty: error')}`;
    const { pack, problems } = validateRulePackText(text, 'x.yaml');
    expect(pack).toBeUndefined();
    const p = problems.find((x) => x.message.includes('severty'));
    expect(p?.line).toBe(text.split('\n').findIndex((l) => l.includes('severty')) + 1);
  });

  it('reports a bad CEL expression on the when line', () => {
    const text = `pack: test\ntitle: Test\nrules:${rule('    when: answer["CONN-7"] ==')}`;
    const { problems } = validateRulePackText(text, 'x.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/invalid CEL/);
    expect(problems[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('when:')) + 1);
  });

  it('refuses a rule without a condition, unknown groups and duplicate ids', () => {
    expect(validateRulePackText(`pack: test\ntitle: Test\nrules:${rule('')}`, 'x').problems.length).toBeGreaterThan(0);
    expect(validateRulePackText(`pack: test\ntitle: Test\nrules:${rule('    answers: { CONN-7: no }\n    group: M9')}`, 'x').problems[0]!.message).toMatch(/unknown group/);
    const dup = `pack: test\ntitle: Test\nrules:${rule('    answers: { CONN-7: no }')}${rule('    answers: { CONN-7: no }')}`;
    expect(validateRulePackText(dup, 'x').problems[0]!.message).toMatch(/duplicate rule id/);
  });

  it('refuses YAML alias bombs', () => {
    const levels = ['a: &a [x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
    const { problems } = validateRulePackText(`${levels.join('\n')}\n`, 'x');
    expect(problems[0]?.message).toMatch(/alias/i);
  });
});
