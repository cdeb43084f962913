// Records a waiver in .dicomsec.yaml through the `yaml` Document API, so the reviewer's comments
// and layout survive; creates the file when there is none.
import { existsSync, writeFileSync, renameSync } from 'node:fs';
import { limits } from '../core/limits.js';
import { readTextBounded } from '../core/read-file.js';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, YAMLSeq, type Node } from 'yaml';
import { UsageError } from '../core/errors.js';
import type { WaiverConfig } from './config.js';

/** A waiver as the editor's quick fix records it. */
export type NewWaiver = Omit<WaiverConfig, 'line'>;

export interface WrittenWaiver {
  file: string;
  created: boolean;
  /** 1-based line where the new waiver starts. */
  line: number;
}

const HEADER = `# dicomsec configuration: see rules/schema/config.schema.json
# Waivers accept a gap for a document with a justification; expired waivers are reported again.
`;

function validate(w: NewWaiver): void {
  if (!/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(w.rule)) throw new UsageError(`not a rule id: "${w.rule}"`);
  if (w.justification.trim().length < 10) throw new UsageError('a waiver needs a justification of at least 10 characters');
  if (w.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(w.expires)) throw new UsageError(`expiry must be YYYY-MM-DD, not "${w.expires}"`);
}

/** Path of a document relative to a config file's folder, with forward slashes, as a glob that matches only it. */
export function documentGlob(configFile: string, documentPath: string): string {
  const rel = path.relative(path.dirname(configFile), documentPath).split(path.sep).join('/');
  return rel.replace(/[*?[\]{}!]/g, (c) => `[${c}]`);
}

export function appendWaiverText(text: string, waiver: NewWaiver): { text: string; line: number } {
  validate(waiver);
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new UsageError(`the configuration file has YAML errors (${doc.errors[0]!.message.split('\n')[0]}); fix them first`);
  if (doc.contents === null || doc.contents === undefined) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (!isMap(doc.contents)) throw new UsageError('the configuration file is not a YAML mapping');
  let seq = doc.get('waivers', true) as Node | undefined;
  if (seq === undefined || seq === null || (!isSeq(seq) && (seq as { value?: unknown }).value === null)) {
    seq = new YAMLSeq();
    doc.set('waivers', seq);
  }
  if (!isSeq(seq)) throw new UsageError('`waivers` in the configuration file is not a list');
  const entry: Record<string, string> = { rule: waiver.rule };
  if (waiver.documents) entry.documents = waiver.documents;
  if (waiver.question) entry.question = waiver.question;
  if (waiver.section) entry.section = waiver.section;
  entry.justification = waiver.justification.replace(/\s+/g, ' ').trim();
  if (waiver.expires) entry.expires = waiver.expires;
  if (waiver.by) entry.by = waiver.by;
  const node = doc.createNode(entry);
  seq.items.push(node);
  const out = doc.toString({ lineWidth: 0 });
  // Find where the new item landed.
  const lc = new LineCounter();
  const again = parseDocument(out, { lineCounter: lc });
  const items = (again.get('waivers', true) as YAMLSeq | undefined)?.items ?? [];
  const last = items[items.length - 1] as Node | undefined;
  const line = last?.range ? lc.linePos(last.range[0]).line : 1;
  return { text: out, line };
}

/** Appends a waiver to `file` (created when absent). Writes atomically. */
export function writeWaiver(file: string, waiver: NewWaiver): WrittenWaiver {
  const created = !existsSync(file);
  const before = created ? HEADER : readTextBounded(file, limits.maxConfigBytes);
  const { text, line } = appendWaiverText(before, waiver);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, file);
  return { file, created, line };
}
