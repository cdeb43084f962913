// The HN 1-2019 question catalogue: IDs, sections, structural parents and gap polarity, for the
// parser (which IDs are real, which are free text) and for the rules engine.
import { HN2019_CATALOGUE } from './hn2019-catalogue.js';

/** Which answer is the gap: 'no' (a missing control), 'yes' (inverted question) or 'informational'. */
export type GapPolarity = 'yes' | 'no' | 'informational';

export interface QuestionInfo {
  id: string;
  /** Section code, e.g. 'AUTH'. */
  section: string;
  /** The enclosing question by numbering (AUDT-2.8.1 → AUDT-2.8), when there is one. */
  parent?: string;
  gapWhen: GapPolarity;
  /** 'yes' when a Yes answer widens the attack surface (a scoping fact, not a gap). */
  exposureWhen?: 'yes' | 'no';
  /** The reference marks the polarity as a judgement call. */
  uncertain?: boolean;
  /** DOC-1 … DOC-7 take free text, not Yes/No. */
  freeText?: boolean;
}

const GAP: Record<string, GapPolarity> = { y: 'yes', n: 'no', i: 'informational' };
const FREE_TEXT = new Set(['DOC-1', 'DOC-2', 'DOC-3', 'DOC-4', 'DOC-5', 'DOC-6', 'DOC-7']);

const catalogue = new Map<string, QuestionInfo>();
for (const token of HN2019_CATALOGUE.split(' ')) {
  const [id, flags] = token.split(':') as [string, string];
  const info: QuestionInfo = { id, section: id.slice(0, id.indexOf('-')), gapWhen: GAP[flags[0]!]! };
  const dot = id.lastIndexOf('.');
  if (dot > 0) info.parent = id.slice(0, dot);
  if (flags[1] === 'y' || flags[1] === 'n') info.exposureWhen = flags[1] === 'y' ? 'yes' : 'no';
  if (flags.endsWith('?')) info.uncertain = true;
  if (FREE_TEXT.has(id)) info.freeText = true;
  catalogue.set(id, Object.freeze(info));
}

/** All 240 HN 1-2019 question IDs (DOC included), in worksheet order. */
export const HN2019_QUESTION_IDS: string[] = [...catalogue.keys()];

/** HN 1-2019 section codes in worksheet order (DOC and MPII first; OTHR has no numbered questions). */
export const HN2019_SECTIONS: string[] = [...new Set(HN2019_QUESTION_IDS.map((id) => id.slice(0, id.indexOf('-'))))];

/** Facts about an HN 1-2019 question, by canonical or printed ID (SHAD-15 finds SAHD-15). */
export function questionInfo(id: string): QuestionInfo | undefined {
  return catalogue.get(canonicalId(id));
}

/** Section codes printed differently from the canonical one: NEMA's SHAD-15 misprint, CNCT for CONN. */
const CODE_ALIASES: Record<string, string> = { SHAD: 'SAHD', CNCT: 'CONN' };

/** Shape of a 2019-style question ID: three or four capitals, a dash, dotted numbers. */
export const QUESTION_ID_RE = /^[A-Z]{3,4}-\d+(?:\.\d+)*$/;

/**
 * The canonical form of a printed question ID: trimmed, upper case, spaces around the dash
 * dropped, known misprints mapped (SHAD-15 → SAHD-15). Returns the input trimmed when it is not
 * ID-shaped.
 */
export function canonicalId(printed: string): string {
  if (printed.length > MAX_ID_LENGTH) return printed.trim();
  const compact = printed.trim().replace(/\s*-\s*/, '-').toUpperCase();
  if (!QUESTION_ID_RE.test(compact)) return printed.trim();
  const dash = compact.indexOf('-');
  const code = compact.slice(0, dash);
  const alias = Object.prototype.hasOwnProperty.call(CODE_ALIASES, code) ? CODE_ALIASES[code] : undefined;
  return alias ? alias + compact.slice(dash) : compact;
}

/** True for a printed cell that holds a question ID (2019 style). */
export function isQuestionId(printed: string): boolean {
  // Length first: every cell of a workbook passes through here, and IDs are short.
  return printed.length <= MAX_ID_LENGTH && QUESTION_ID_RE.test(printed.trim().replace(/\s*-\s*/, '-'));
}

/** Longer than any real ID with surrounding spaces ('AUDT-2.8.1' is 10). */
const MAX_ID_LENGTH = 32;

export function isHn2019Id(id: string): boolean {
  return catalogue.has(id);
}
