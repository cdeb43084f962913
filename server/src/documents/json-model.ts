// Reading typed values out of a parsed JSON document (readers/json.ts) while keeping where each
// came from: its JSON pointer and line. Shared by the SBOM and advisory kinds, whose evidence is
// `section: "/components/3/version", line: 57` with the value as the quote.
import type { Evidence } from '../core/findings.js';
import { UnreadableError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { JsonObject, JsonTree, JsonValue } from '../readers/json.js';
import { pointerSegment } from '../readers/json.js';

/** Where a value of a JSON document is. */
export interface JsonAt {
  pointer: string;
  line: number;
}

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A cursor on one object of the tree: its pointer, and typed reads that never throw on a wrong type. */
export class JsonCursor {
  constructor(
    readonly tree: JsonTree,
    readonly object: JsonObject,
    readonly pointer: string,
  ) {}

  static root(tree: JsonTree): JsonCursor | null {
    return isObject(tree.value) ? new JsonCursor(tree, tree.value, '') : null;
  }

  at(key?: string): JsonAt {
    if (key === undefined) return { pointer: this.pointer || '/', line: this.tree.startOf(this.object) };
    return { pointer: `${this.pointer}/${pointerSegment(key)}`, line: this.tree.lineOf(this.object, key) };
  }

  /** A non-empty trimmed string, else null. */
  str(key: string): string | null {
    const v = this.object[key];
    if (typeof v === 'number') return String(v);
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  }

  obj(key: string): JsonCursor | null {
    const v = this.object[key];
    return isObject(v) ? new JsonCursor(this.tree, v, `${this.pointer}/${pointerSegment(key)}`) : null;
  }

  /** The objects of an array member (other items skipped), each with its pointer. */
  objects(key: string): JsonCursor[] {
    const v = this.object[key];
    if (!Array.isArray(v)) return [];
    const base = `${this.pointer}/${pointerSegment(key)}`;
    const out: JsonCursor[] = [];
    v.forEach((item, i) => {
      if (isObject(item)) out.push(new JsonCursor(this.tree, item, `${base}/${i}`));
    });
    return out;
  }

  /** The non-empty strings of an array member. */
  strings(key: string): string[] {
    const v = this.object[key];
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()) : [];
  }

  /** Line of an array member's item. */
  itemLine(key: string, index: number): number {
    const v = this.object[key];
    return Array.isArray(v) ? this.tree.lineOf(v, index) : this.tree.lineOf(this.object, key);
  }
}

/** Refuses a document with more items than the budget allows (components, products, vulnerabilities). */
export function checkItemBudget(count: number, what: string): void {
  if (count > limits.maxSbomItems) throw new UnreadableError(`the document lists more than ${limits.maxSbomItems} ${what}, over the maxSbomItems limit`, 'limit');
}

/** Evidence at a place of a JSON document: the pointer as the logical location, the line, the quoted value. */
export function jsonEvidence(at: JsonAt, quote: string | null | undefined, path?: string): Evidence {
  const e: Evidence = { section: at.pointer, line: at.line };
  if (path !== undefined) e.path = path;
  if (quote) e.quote = quote.length > 200 ? `${quote.slice(0, 200)}…` : quote;
  return e;
}

/** 'YYYY-MM-DD' from an ISO date or date-time, else null. */
export function isoDate(text: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text?.trim() ?? '');
  return m ? m[1]! : null;
}
