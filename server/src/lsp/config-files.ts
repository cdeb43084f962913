// Editing dicomsec's own files: `.dicomsec.yaml` and rule packs. Diagnostics (schema, CEL, unknown
// rule ids and packs), hover (schema descriptions, rule titles) and completion (keys, enum values,
// rule ids). No vendor file is read. The file being edited is the reviewer's own but may be
// large or pasted from elsewhere: every step is linear in its size, and at most
// MAX_CONFIG_DIAGNOSTICS problems are listed, with one more that counts the rest.
import path from 'node:path';
import { existsSync } from 'node:fs';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Position,
} from 'vscode-languageserver';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { parseYamlWithSchema, type YamlProblem } from '../core/yaml-validate.js';
import { CONFIG_FILE_NAMES, type RawConfig } from '../config/config.js';
import { validateRulePackText } from '../rules/pack.js';
import configSchema from '../../../rules/schema/config.schema.json';
import packSchema from '../../../rules/schema/rule-pack.schema.json';
import { DIAGNOSTIC_SOURCE } from './protocol.js';
import type { RuleInfo } from '../rules/rule.js';

export type ConfigKind = 'config' | 'rule-pack';

/** What the server knows about rules when checking these files. */
export interface KnownRules {
  rules: Map<string, RuleInfo>;
  packs: Set<string>;
}

export function knownRulesOf(rules: RuleInfo[]): KnownRules {
  return { rules: new Map(rules.map((r) => [r.id, r])), packs: new Set(rules.map((r) => r.pack)) };
}

export function configKindOf(filePath: string, text: string): ConfigKind | undefined {
  const base = path.basename(filePath);
  if (CONFIG_FILE_NAMES.includes(base)) return 'config';
  if (!/\.ya?ml$/i.test(base)) return undefined;
  if (/rule-pack\.schema\.json/.test(text.slice(0, 500))) return 'rule-pack';
  if (/^pack:\s*\S/m.test(text) && /^rules:\s*$/m.test(text)) return 'rule-pack';
  return undefined;
}

/** Problems listed per file; past it one diagnostic says how many more there are. */
export const MAX_CONFIG_DIAGNOSTICS = 200;

/** Collects diagnostics up to the cap, counting the rest. */
class CappedDiagnostics {
  readonly items: Diagnostic[] = [];
  private more = 0;

  /** Whether another diagnostic would still be listed (so its message is worth composing). */
  get open(): boolean {
    return this.items.length < MAX_CONFIG_DIAGNOSTICS;
  }

  add(make: () => Diagnostic): void {
    if (this.open) this.items.push(make());
    else this.more++;
  }

  done(): Diagnostic[] {
    if (!this.more) return this.items;
    const at = { line: 0, character: 0 };
    return [
      ...this.items,
      {
        range: { start: at, end: { line: 0, character: 1 } },
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        message: `${this.more} more problems in this file are not listed (the first ${MAX_CONFIG_DIAGNOSTICS} are)`,
      },
    ];
  }
}

function problemToDiagnostic(p: YamlProblem, severity: DiagnosticSeverity = DiagnosticSeverity.Error): Diagnostic {
  const start = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
  let end = { line: Math.max(0, p.endLine - 1), character: Math.max(0, p.endColumn - 1) };
  if (end.line < start.line || (end.line === start.line && end.character <= start.character)) end = { line: start.line, character: start.character + 1 };
  return { range: { start, end }, severity, source: DIAGNOSTIC_SOURCE, message: p.message };
}

export function configDiagnostics(kind: ConfigKind, filePath: string, text: string, known: KnownRules | undefined): Diagnostic[] {
  const out = new CappedDiagnostics();
  if (kind === 'rule-pack') {
    const { problems } = validateRulePackText(text, filePath);
    for (const p of problems) out.add(() => problemToDiagnostic(p));
    return out.done();
  }
  const parsed = parseYamlWithSchema<RawConfig | null>(text, configSchema);
  for (const p of parsed.problems) out.add(() => problemToDiagnostic(p));
  const raw = parsed.value;
  if (!raw) return out.done();
  const warn = (at: (string | number)[], message: () => string, severity: DiagnosticSeverity = DiagnosticSeverity.Warning) =>
    out.add(() => problemToDiagnostic({ message: message(), path: '', ...parsed.locate(at) }, severity));
  if (known) {
    const builtIn = () => [...known.packs].join(', ');
    for (const pack of Object.keys(raw.packs ?? {})) {
      if (!known.packs.has(pack)) warn(['packs', pack], () => `unknown pack "${pack}" (built-in packs: ${builtIn()})`, DiagnosticSeverity.Error);
    }
    if (known.rules.size) {
      for (const id of Object.keys(raw.rules ?? {})) {
        if (!known.rules.has(id)) warn(['rules', id], () => `unknown rule id ${id}${suggest(id, known)}`);
      }
      (raw.waivers ?? []).forEach((w, i) => {
        if (!known.rules.has(w.rule) && !w.rule.startsWith('DICOMSEC-')) warn(['waivers', i, 'rule'], () => `unknown rule id ${w.rule}${suggest(w.rule, known)}`);
      });
    }
  }
  const dir = path.dirname(filePath);
  (raw.customPacks ?? []).forEach((p, i) => {
    // Each check touches the disk: only for the problems that will be listed.
    if (out.open && !existsSync(path.resolve(dir, p))) warn(['customPacks', i], () => `rule pack not found: ${p}`, DiagnosticSeverity.Error);
  });
  const today = new Date().toISOString().slice(0, 10);
  (raw.waivers ?? []).forEach((w, i) => {
    if (w.expires && w.expires < today) warn(['waivers', i, 'expires'], () => `this waiver expired on ${w.expires}: the finding applies again`);
  });
  return out.done();
}

/** Rules whose id shares the stem (the id without its number) of `id`, composed only for listed diagnostics. */
function suggest(id: string, known: KnownRules): string {
  const stem = id.replace(/-\d+$/, '');
  const near: string[] = [];
  for (const k of known.rules.keys()) {
    if (k.startsWith(stem) || id.startsWith(k.replace(/-\d+$/, ''))) near.push(k);
    if (near.length === 3) break;
  }
  return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
}

// ---- schema navigation ----

type Schema = {
  $ref?: string;
  description?: string;
  title?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  definitions?: Record<string, Schema>;
};

function deref(root: Schema, s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) {
    const m = /^#\/definitions\/(.+)$/.exec(cur.$ref);
    const target = m ? root.definitions?.[m[1]!] : undefined;
    cur = target ? { ...target, description: cur.description ?? target.description } : undefined;
  }
  return cur;
}

/** `'*'` in a path means "an item of the list". */
function schemaAt(root: Schema, segments: (string | number)[]): Schema | undefined {
  let s: Schema | undefined = deref(root, root);
  for (const seg of segments) {
    if (!s) return undefined;
    if (seg === '*' || typeof seg === 'number') s = deref(root, s.items);
    else s = deref(root, s.properties?.[seg] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined));
  }
  return s;
}

const rootSchema = (kind: ConfigKind) => (kind === 'config' ? configSchema : packSchema) as Schema;

// ---- position → path ----

interface LineInfo {
  indent: number;
  dash: boolean;
  dashCol: number;
  key?: string;
  value?: string;
}

function lineInfo(text: string): LineInfo | undefined {
  if (/^\s*(#.*)?$/.test(text)) return undefined;
  const m = /^(\s*)(-\s+)?(?:("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(?:\s+|$)(.*))?/.exec(text)!;
  const dashCol = m[1]!.length;
  const dash = !!m[2];
  const indent = dashCol + (m[2]?.length ?? 0);
  const key = m[3]?.replace(/^["']|["']$/g, '');
  return { indent, dash, dashCol, key, value: m[4]?.replace(/\s+#.*$/, '').trim() };
}

/** The key path of the mapping the given line sits in, by indentation (works on half-typed files). */
function parentPath(lines: string[], lineNo: number, indent: number, dash: boolean, dashCol: number): (string | number)[] {
  const out: (string | number)[] = [];
  let cur = dash ? dashCol : indent;
  if (dash) out.unshift('*');
  for (let i = lineNo - 1; i >= 0 && cur > 0; i--) {
    const info = lineInfo(lines[i]!);
    if (!info) continue;
    if (info.dash && info.dashCol < cur && info.indent <= cur && !(info.indent < cur && info.key)) {
      out.unshift('*');
      cur = info.dashCol;
      continue;
    }
    if (info.key && info.indent < cur) {
      out.unshift(info.key);
      cur = info.indent;
      if (info.dash) {
        // `- key:` with our line deeper: we are inside the value of `key` in a list item.
        out.unshift('*');
        cur = info.dashCol;
      }
    }
  }
  return out;
}

function keysPresent(lines: string[], lineNo: number, indent: number): Set<string> {
  const present = new Set<string>();
  const scan = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const info = lineInfo(lines[i]!);
      if (!info) continue;
      if (info.indent < indent) break;
      if (info.indent === indent && info.key) present.add(info.key);
      if (info.dash && info.dashCol < indent) break;
    }
  };
  scan(lineNo - 1, -1);
  scan(lineNo + 1, 1);
  return present;
}

export function configCompletion(kind: ConfigKind, text: string, pos: Position, known: KnownRules | undefined): CompletionItem[] {
  const lines = text.split(/\r?\n/);
  const line = (lines[pos.line] ?? '').slice(0, pos.character);
  const root = rootSchema(kind);
  const info = /^(\s*)(-\s+)?([\w.-]*)$/.exec(line);
  const ruleItems = (asKey: boolean): CompletionItem[] =>
    [...(known?.rules.values() ?? [])].map((r) => ({
      label: r.id,
      kind: CompletionItemKind.Value,
      detail: `${r.severity} · ${r.title}`,
      insertText: asKey ? `${r.id}: ` : r.id,
      documentation: { kind: MarkupKind.Markdown, value: r.rationale },
    }));
  if (info) {
    // A key is being typed.
    const dash = !!info[2];
    const dashCol = info[1]!.length;
    const indent = dashCol + (info[2]?.length ?? 0);
    const parent = parentPath(lines, pos.line, indent, dash, dashCol);
    if (kind === 'config' && parent.length === 1 && parent[0] === 'rules') return ruleItems(true);
    if (kind === 'config' && parent.length === 1 && parent[0] === 'packs') {
      return [...(known?.packs ?? [])].map((p) => ({ label: p, kind: CompletionItemKind.Module, insertText: `${p}: ` }));
    }
    const schema = schemaAt(root, parent);
    if (!schema?.properties) return [];
    const present = dash ? new Set<string>() : keysPresent(lines, pos.line, indent);
    return Object.entries(schema.properties)
      .filter(([k]) => !present.has(k))
      .map(([k, s]) => {
        const d = deref(root, s);
        const container = d?.type === 'object' || d?.type === 'array' || d?.properties !== undefined || d?.items !== undefined;
        return {
          label: k,
          kind: CompletionItemKind.Property,
          detail: d?.type ?? (d?.enum ? d.enum.join(' | ') : undefined),
          documentation: d?.description ? { kind: MarkupKind.Markdown, value: d.description } : undefined,
          insertText: container ? `${k}:\n${' '.repeat(indent + 2)}` : `${k}: `,
        };
      });
  }
  const valueCtx = /^(\s*)(-\s+)?([\w.-]+)\s*:\s+(\S*)$/.exec(line);
  if (valueCtx) {
    const dash = !!valueCtx[2];
    const dashCol = valueCtx[1]!.length;
    const indent = dashCol + (valueCtx[2]?.length ?? 0);
    const key = valueCtx[3]!;
    const parent = parentPath(lines, pos.line, indent, dash, dashCol);
    if (kind === 'config' && key === 'rule' && parent[0] === 'waivers') return ruleItems(false);
    if (kind === 'config' && parent.length === 1 && parent[0] === 'rules') {
      return ['error', 'warning', 'info', 'off'].map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
    }
    const schema = schemaAt(root, [...parent, key]);
    if (schema?.enum) return schema.enum.map((v) => ({ label: String(v), kind: CompletionItemKind.EnumMember }));
    if (schema?.type === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
  }
  return [];
}

/** The YAML path and node under a position (on a key or a scalar value). */
function nodeAt(doc: Document.Parsed, offset: number): { path: (string | number)[]; onKey: boolean; value?: unknown } | undefined {
  const walk = (node: unknown, p: (string | number)[]): { path: (string | number)[]; onKey: boolean; value?: unknown } | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        const key = isScalar(k) ? String(k.value) : undefined;
        if (k?.range && offset >= k.range[0] && offset <= k.range[1] && key !== undefined) return { path: [...p, key], onKey: true };
        const v = pair.value as Node | null;
        if (v?.range && offset >= v.range[0] && offset <= v.range[1] && key !== undefined) {
          return walk(v, [...p, key]) ?? { path: [...p, key], onKey: false, value: isScalar(v) ? v.value : undefined };
        }
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const v = node.items[i] as Node | null;
        if (v?.range && offset >= v.range[0] && offset <= v.range[1]) return walk(v, [...p, i]) ?? { path: [...p, i], onKey: false, value: isScalar(v) ? v.value : undefined };
      }
    }
    return undefined;
  };
  return walk(doc.contents, []);
}

export function configHover(kind: ConfigKind, text: string, pos: Position, known: KnownRules | undefined): Hover | undefined {
  const lc = new LineCounter();
  // uniqueKeys off: its check is quadratic, and duplicates are reported by the diagnostics.
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const offset = (lc.lineStarts[pos.line] ?? text.length) + pos.character;
  const at = nodeAt(doc, offset);
  if (!at) return undefined;
  const ruleId = (v: unknown) => (typeof v === 'string' ? known?.rules.get(v) : undefined);
  // A rule id as a key (`rules:`), or as a waiver's `rule:` value.
  const last = at.path[at.path.length - 1];
  const rule = at.onKey ? (kind === 'config' && at.path[0] === 'rules' && at.path.length === 2 ? ruleId(last) : undefined) : ruleId(at.value);
  if (rule) {
    return { contents: { kind: MarkupKind.Markdown, value: `**${rule.id} — ${rule.title}** · ${rule.severity} · pack \`${rule.pack}\`\n\n${rule.rationale}` } };
  }
  if (!at.onKey) return undefined;
  const schema = schemaAt(rootSchema(kind), at.path.map((s) => (typeof s === 'number' ? '*' : s)));
  if (!schema?.description && !schema?.enum) return undefined;
  const parts = [`**${String(last)}**`];
  if (schema.description) parts.push(schema.description);
  if (schema.enum) parts.push(`One of: ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') } };
}
