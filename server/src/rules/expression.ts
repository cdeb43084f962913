// CEL (Common Expression Language) for rule conditions: a small, side-effect-free, non-Turing-
// complete language with a sandboxed interpreter. Rule files never carry JavaScript.
import { parse } from '@marcbachmann/cel-js';

export type CompiledExpression = (context: Record<string, unknown>) => unknown;

const cache = new Map<string, CompiledExpression>();

export class ExpressionError extends Error {
  constructor(message: string, readonly expression: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** First line of cel-js's message, which otherwise carries a caret diagram. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
}

export function compileExpression(source: string): CompiledExpression {
  const hit = cache.get(source);
  if (hit) return hit;
  let evaluate: CompiledExpression;
  try {
    evaluate = parse(source) as CompiledExpression;
  } catch (err) {
    throw new ExpressionError(`invalid CEL expression: ${oneLine(err)}`, source);
  }
  cache.set(source, evaluate);
  return evaluate;
}

/** Evaluates a condition; anything but boolean true is "no gap", and errors are reported. */
export function evaluateCondition(source: string, context: Record<string, unknown>): boolean {
  let value: unknown;
  try {
    value = compileExpression(source)(context);
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    throw new ExpressionError(`CEL evaluation failed: ${oneLine(err)}`, source);
  }
  if (typeof value !== 'boolean') throw new ExpressionError(`condition must be boolean, got ${typeof value}`, source);
  return value;
}

/**
 * Turns a model into a CEL value: integers become CEL ints (BigInt), undefined becomes null,
 * and only plain data survives. Keys that could pollute prototypes are dropped.
 */
export function toCelValue(value: unknown, depth = 0): unknown {
  if (depth > 32) return null;
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value; // a CEL timestamp
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (Array.isArray(value)) return value.map((v) => toCelValue(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      out[k] = toCelValue(v, depth + 1);
    }
    return out;
  }
  return null;
}
