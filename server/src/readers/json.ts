// JSON → lines, plus the parsed value with the line of every member, for the kinds that read JSON
// documents (SBOMs, CSAF advisories). Our own parser rather than JSON.parse because evidence needs
// the line of each value (JSON.parse keeps none) and because vendor JSON is hostile: nesting is
// capped (limits.maxNesting) and walked without recursion past it, the number of values and the
// length of strings are capped, a key given twice in one object is refused (two parsers would read
// two different documents), and `__proto__`, `constructor` and `prototype` keys are dropped, into
// objects without a prototype, so no input can reach an object prototype.
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { TextSource } from './source.js';
import { splitLines } from './text-common.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The parsed document and the line each member starts on. */
export interface JsonTree {
  value: JsonValue;
  /** 1-based line of `container[key]` (an object member or an array item); the container's own line when unknown. */
  lineOf(container: JsonObject | JsonValue[], key: string | number): number;
  /** 1-based line where a container starts. */
  startOf(container: JsonObject | JsonValue[]): number;
}

const DROPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** One JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.length ? `/${path.map(pointerSegment).join('/')}` : '';
}

interface Frame {
  container: JsonObject | JsonValue[];
  /** Object: the key whose value comes next (undefined before the key is read). */
  key?: string;
  keys?: Set<string>;
  lines: Map<string | number, number>;
  /** What the frame expects next: a value/key, or a comma/close. */
  state: 'first' | 'value' | 'after';
  /** Path to the container, for messages. */
  path: (string | number)[];
}

class JsonParser {
  private i = 0;
  private line = 1;
  private values = 0;
  private readonly memberLines = new WeakMap<object, Map<string | number, number>>();
  private readonly startLines = new WeakMap<object, number>();

  constructor(private readonly text: string) {}

  private fail(message: string, reason = 'corrupt'): never {
    throw new UnreadableError(`not valid JSON: ${message} (line ${this.line})`, reason);
  }

  private ws(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.i);
      // Lines end as splitLines ends them: LF, CRLF or a lone CR.
      if (c === 10 || (c === 13 && t.charCodeAt(this.i + 1) !== 10)) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
      this.i++;
    }
  }

  private count(): void {
    if (++this.values > limits.maxJsonValues) this.fail(`more than ${limits.maxJsonValues} values, over the maxJsonValues limit`, 'limit');
  }

  private string(): string {
    const t = this.text;
    let i = this.i + 1;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= t.length) this.fail('the text ends inside a string (truncated?)');
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) this.fail('a control character inside a string');
      if (c === 92) {
        out += t.slice(run, i);
        const e = t[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16));
          i += 6;
        } else this.fail('a bad escape in a string');
        run = i;
        if (out.length > limits.maxLineLength) this.tooLong();
        continue;
      }
      i++;
      if (i - run + out.length > limits.maxLineLength) this.tooLong();
    }
    out += t.slice(run, i);
    this.i = i + 1;
    return out;
  }

  private tooLong(): never {
    this.fail(`a string longer than ${limits.maxLineLength} characters, over the maxLineLength limit`, 'limit');
  }

  private scalar(): JsonValue {
    const t = this.text;
    const c = t[this.i];
    if (c === '"') return this.string();
    if (t.startsWith('true', this.i)) return (this.i += 4), true;
    if (t.startsWith('false', this.i)) return (this.i += 5), false;
    if (t.startsWith('null', this.i)) return (this.i += 4), null;
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const hit = m.exec(t);
    if (!hit || hit[0] === '' || hit[0] === '-') this.fail(this.i >= t.length ? 'the text ends before a value' : `unexpected ${JSON.stringify(t.slice(this.i, this.i + 12))}`);
    if (hit[0].length > 400) this.fail('a number with more than 400 digits', 'limit');
    this.i += hit[0].length;
    return Number(hit[0]);
  }

  /** A value that opens a container pushes a frame; a scalar is returned. */
  private open(stack: Frame[], path: (string | number)[]): { container?: JsonObject | JsonValue[]; scalar?: JsonValue } {
    this.count();
    const c = this.text[this.i];
    if (c !== '{' && c !== '[') return { scalar: this.scalar() };
    if (stack.length >= limits.maxNesting) this.fail(`nested more than ${limits.maxNesting} levels deep, over the maxNesting limit`, 'limit');
    const container: JsonObject | JsonValue[] = c === '{' ? (Object.create(null) as JsonObject) : [];
    const lines = new Map<string | number, number>();
    this.memberLines.set(container, lines);
    this.startLines.set(container, this.line);
    this.i++;
    stack.push({ container, lines, state: 'first', path, ...(c === '{' ? { keys: new Set<string>() } : {}) });
    return { container };
  }

  parse(): JsonTree {
    this.ws();
    const stack: Frame[] = [];
    let root: JsonValue | undefined;
    const first = this.open(stack, []);
    root = first.container ?? first.scalar;
    while (stack.length) {
      const f = stack[stack.length - 1]!;
      this.ws();
      const c = this.text[this.i];
      const isObject = f.keys !== undefined;
      if (f.state !== 'value' && (c === (isObject ? '}' : ']'))) {
        if (f.state === 'first' || f.state === 'after') {
          this.i++;
          stack.pop();
          if (stack.length) stack[stack.length - 1]!.state = 'after';
          continue;
        }
      }
      if (f.state === 'after') {
        if (c !== ',') this.fail(c === undefined ? 'the text ends inside an object or array (truncated?)' : `expected "," or "${isObject ? '}' : ']'}", found ${JSON.stringify(c)}`);
        this.i++;
        this.ws();
        f.state = 'value';
        continue;
      }
      // A member or item comes next.
      let key: string | number;
      if (isObject) {
        if (this.text[this.i] !== '"') this.fail(this.i >= this.text.length ? 'the text ends inside an object (truncated?)' : 'expected a key in double quotes');
        key = this.string();
        this.ws();
        if (this.text[this.i] !== ':') this.fail('expected ":" after a key');
        this.i++;
        this.ws();
        if (f.keys!.has(key)) this.fail(`the key ${JSON.stringify(key.slice(0, 80))} appears twice in the object at ${pointerOf(f.path) || '/'}`);
        f.keys!.add(key);
      } else {
        key = (f.container as JsonValue[]).length;
        if (this.i >= this.text.length) this.fail('the text ends inside an array (truncated?)');
      }
      const at = this.line;
      const childPath = [...f.path, key];
      const dropped = typeof key === 'string' && DROPPED_KEYS.has(key);
      f.state = 'after';
      const v = this.open(stack, childPath);
      const value = v.container ?? v.scalar!;
      if (!dropped) {
        if (isObject) (f.container as JsonObject)[key as string] = value;
        else (f.container as JsonValue[]).push(value);
        f.lines.set(key, at);
      }
    }
    this.ws();
    if (this.i < this.text.length) this.fail(`unexpected text after the end of the JSON value`);
    const memberLines = this.memberLines;
    const startLines = this.startLines;
    return {
      value: root!,
      lineOf: (container, key) => memberLines.get(container)?.get(key) ?? startLines.get(container) ?? 1,
      startOf: (container) => startLines.get(container) ?? 1,
    };
  }
}

/** Parses JSON under the budgets; throws UnreadableError (`corrupt` or `limit`) naming what is wrong and where. */
export function parseJsonTree(text: string): JsonTree {
  return new JsonParser(text).parse();
}

const trees = new WeakMap<TextSource, JsonTree>();

/** A JSON text as lines (the file's own lines, for the review view and evidence), its tree kept beside it. */
export function readJson(text: string): TextSource {
  const tree = parseJsonTree(text);
  const lines = splitLines(text).map((t, i) => ({ text: t, line: i + 1, block: i + 1 }));
  const source: TextSource = { kind: 'text', format: 'json', lines };
  trees.set(source, tree);
  return source;
}

/** The tree of a source read by readJson (parsed again from its lines when it crossed a thread). */
export function jsonTreeOf(source: TextSource): JsonTree {
  let tree = trees.get(source);
  if (!tree) {
    tree = parseJsonTree(source.lines.map((l) => l.text).join('\n'));
    trees.set(source, tree);
  }
  return tree;
}
