import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateCondition, ExpressionError, toCelValue } from '../../server/src/rules/expression.js';

describe('CEL conditions', () => {
  it('evaluates conditions over answers and facts', () => {
    const ctx = { answer: { 'CONN-7': 'no' }, cs: toCelValue({ ports: [{ port: 104, tls: false }], tls: { supported: null } }) };
    expect(evaluateCondition('answer["CONN-7"] == "no"', ctx)).toBe(true);
    expect(evaluateCondition('cs.ports.exists(p, p.port == 104 && !p.tls)', ctx)).toBe(true);
    expect(evaluateCondition('cs.tls.supported == null', ctx)).toBe(true);
    expect(evaluateCondition('cs.ports.exists(p, p.port == 2762)', ctx)).toBe(false);
  });

  it('rejects syntax errors with a one-line message', () => {
    expect(() => compileExpression('answer[')).toThrow(ExpressionError);
    try {
      compileExpression('answer[');
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('rejects non-boolean results and unknown keys at evaluation', () => {
    expect(() => evaluateCondition('1 + 2', {})).toThrow(/boolean/);
    expect(() => evaluateCondition('answer["NOPE-1"] == "no"', { answer: {} })).toThrow(ExpressionError);
  });

  it('has no way to reach JavaScript or the process', () => {
    for (const expr of ['process.exit(1)', 'this.constructor', 'require("fs")', '"".constructor.constructor("return 1")()']) {
      expect(() => evaluateCondition(expr, {})).toThrow();
    }
  });

  it('drops prototype keys and turns integers into CEL ints', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "port": 104}');
    const v = toCelValue(hostile) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['port']);
    expect(v.port).toBe(104n);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
