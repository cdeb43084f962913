// Answer normalisation: what vendors actually type into the answer column, mapped to
// yes | no | n/a | see-note | unanswered | text, with the rest kept as a comment.
import type { AnswerValue } from './model.js';
import { noteRefsIn } from './notes.js';

export interface NormalisedAnswer {
  value: AnswerValue;
  /** Text after the leading Yes/No/N/A token ('AES-256' in 'Yes, AES-256'), when there is some. */
  comment?: string;
  /** Note references found in the answer ('Note 1' in 'Yes (see note 1)'). */
  noteRefs: NoteRefMatch[];
}

export interface NoteRefMatch {
  /** Canonical note id, e.g. 'Note 1'. */
  id: string;
  /** The reference as written, e.g. 'see note 1'. */
  written: string;
}

// Anchored with a lookbehind-free class run that cannot overlap itself: linear on long runs.
const TRAILING_PUNCT = /(?<![\s,;:._])[\s,;:._]+$/;

/** Blank, or a fill-in placeholder such as `____`, `--`, `…`. */
export function isPlaceholder(text: string): boolean {
  return /^[\s_\-–—.…]*$/.test(text);
}

// The leading answer token. Order matters: 'n/a' before 'n', 'not applicable' before 'no'.
const TOKENS: [RegExp, AnswerValue][] = [
  [/^(?:n\s*\/\s*a|n\.\s*a\.?|na|not\s+applicable)(?![a-z0-9])/i, 'n/a'],
  [/^see\s+notes?(?![a-z])/i, 'see-note'],
  [/^(?:yes|y)(?![a-z0-9/])/i, 'yes'],
  [/^(?:no|n)(?![a-z0-9/])/i, 'no'],
];

/** Splits a leading answer token off a cell; null when the cell does not start with one. */
export function leadingToken(text: string): { value: AnswerValue; rest: string } | null {
  const t = text.trim().replace(/^["'“”‘’(\[]+/, '');
  for (const [re, value] of TOKENS) {
    const m = re.exec(t);
    if (m) return { value, rest: t.slice(m[0].length) };
  }
  return null;
}

/**
 * Normalises one answer cell. `freeText` marks questions that take text (DOC-1 … DOC-7): anything
 * written there is 'text', only blanks are 'unanswered'.
 */
export function normaliseAnswer(raw: string, freeText = false): NormalisedAnswer {
  const text = raw.replace(/\s+/g, ' ').trim();
  const noteRefs = noteRefsIn(text);
  if (isPlaceholder(text)) return { value: 'unanswered', noteRefs };
  if (freeText) return { value: 'text', noteRefs };
  const token = leadingToken(text);
  if (!token) return { value: 'text', comment: text, noteRefs };
  // 'Yes*', 'No,', 'N/A: no default accounts', 'Yes (see note 1)': drop the joining punctuation.
  // "See Note 4": the number is the note reference (kept in noteRefs), not a comment.
  const rest = token.value === 'see-note' ? token.rest.replace(/^\s*#?\s*\d{1,3}(?:\s*(?:,|&|and)\s*\d{1,3})*/, '') : token.rest;
  const comment = rest
    .replace(/^[\s*,;:.\-–—)\]]+/, '')
    .replace(TRAILING_PUNCT, '')
    .replace(/^["“](.*)["”]$/, '$1')
    .trim();
  // "See Note 3" is a see-note answer; "Yes, see note 3" stays yes and carries the reference.
  return comment ? { value: token.value, comment, noteRefs } : { value: token.value, noteRefs };
}
