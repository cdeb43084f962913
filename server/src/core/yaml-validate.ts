// Parses YAML and validates it against a JSON Schema, reporting problems with line and column
// so the CLI can print them and the language server can put them on the right token.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';

export interface YamlProblem {
  message: string;
  /** JSON pointer-ish path, e.g. /rules/3/severity. */
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface YamlResult<T> {
  value: T | undefined;
  problems: YamlProblem[];
  /** Finds the position of a path in the source (for problems found after schema validation). */
  locate: (path: (string | number)[], preferKey?: boolean) => Omit<YamlProblem, 'message' | 'path'>;
}

// Ajv compiles each schema once; the schemas are ours and shipped with the tool, never input.
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

function describe(err: ErrorObject): string {
  const where = err.instancePath || 'top level';
  switch (err.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${(err.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${where}: must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${where}: missing required key "${(err.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${where}: ${err.message ?? 'is invalid'}`;
  }
}

/** A map's pairs by scalar key, built once per map: finding each key by a scan is quadratic on hostile files. */
const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();
function pairOf(map: YAMLMap, key: unknown): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = isScalar(p.key) ? p.key.value : p.key;
      if (!index.has(k)) index.set(k, p as Pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/**
 * Duplicate scalar keys, found with one set per map. The yaml library's own `uniqueKeys` check
 * compares each key with every earlier one: 40,000 keys cost it about a minute.
 */
function duplicateKeys(contents: unknown): Node[] {
  const dups: Node[] = [];
  visit(contents as Node, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const p of map.items) {
        if (!isScalar(p.key)) continue;
        if (seen.has(p.key.value)) dups.push(p.key);
        else seen.add(p.key.value);
      }
    },
  });
  return dups;
}

export function parseYamlWithSchema<T>(text: string, schema: object): YamlResult<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const pos = (offset: number) => lineCounter.linePos(offset);
  const rangeOf = (node: Node | null | undefined) => {
    const [start, end] = node?.range ?? [0, 0];
    const s = pos(start);
    const e = pos(end);
    return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };
  const locate = (path: (string | number)[], preferKey = false) => {
    // Walk as deep as the path exists; report the deepest node found.
    let node: unknown = doc.contents;
    let last: Node | null = doc.contents as Node | null;
    for (const [i, key] of path.entries()) {
      if (isMap(node)) {
        const pair = pairOf(node, key);
        if (!pair) break;
        last = (pair.key as Node) ?? last;
        node = pair.value;
        if (node && !(preferKey && i === path.length - 1)) last = node as Node;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        if (!node) break;
        last = node as Node;
      } else break;
    }
    return rangeOf(last);
  };

  const problems: YamlProblem[] = [];
  for (const err of doc.errors) {
    const s = pos(err.pos[0]);
    const e = pos(err.pos[1]);
    problems.push({ message: err.message.split('\n')[0]!, path: '', line: s.line, column: s.col, endLine: e.line, endColumn: e.col });
  }
  for (const key of duplicateKeys(doc.contents)) problems.push({ message: 'Map keys must be unique', path: '', ...rangeOf(key) });
  if (problems.length) return { value: undefined, problems, locate };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { value: undefined, problems: [{ message: (err as Error).message, path: '', ...rangeOf(doc.contents as Node) }], locate };
  }
  const validate = validatorFor(schema);
  if (!validate(value)) {
    for (const err of validate.errors ?? []) {
      const segments = err.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      if (err.keyword === 'additionalProperties') segments.push((err.params as { additionalProperty: string }).additionalProperty);
      problems.push({ message: describe(err), path: err.instancePath, ...locate(segments, err.keyword === 'additionalProperties') });
    }
    return { value: undefined, problems, locate };
  }
  return { value: value as T, problems, locate };
}
