// Edition detection from the question IDs a form holds, never from its title: vendors relabel
// old forms, and a 2013 form read as 2019 would be scored against the wrong questions.
import type { Mds2Edition } from './model.js';
import { canonicalId, isHn2019Id } from './questions.js';

/** HN 1-2013 numbering: section number, dash, item ("1-1", "2-2.5.1"). */
export const HN2013_ID_RE = /^\d{1,2}-\d{1,2}(?:\.\d{1,2})*$/;

/** HN 1-2013 capability sections by number, as recalled in the reference (marked uncertain there). */
export const HN2013_SECTIONS = [
  'ALOF', 'AUDT', 'AUTH', 'CNFS', 'CSUP', 'DIDT', 'DTBK', 'EMRG', 'IGAU', 'MLDP',
  'NAUT', 'PAUT', 'PLOK', 'RDMP', 'SAHD', 'SGUD', 'STCF', 'TXCF', 'TXIG', 'OTHR',
];

/** Text that only the 2013 form prints. */
export const HN2013_MARKERS = [/management\s+of\s+private\s+data/i, /\bsoftware\s+revision\b/i, /\(CNFS\)/, /configuration\s+of\s+security\s+features/i];

export interface EditionEvidence {
  /** Printed IDs of the 2019 shape (AUTH-1) that name a real HN 1-2019 question. */
  hn2019Ids: number;
  /** Printed IDs of the 2013 shape (1-1). */
  hn2013Ids: number;
  /** 2013-only texts seen (MANAGEMENT OF PRIVATE DATA, Software Revision, CNFS). */
  hn2013Markers: number;
}

export function countEvidence(printedIds: string[], texts: Iterable<string>): EditionEvidence {
  let hn2019Ids = 0;
  let hn2013Ids = 0;
  for (const printed of printedIds) {
    if (isHn2019Id(canonicalId(printed))) hn2019Ids++;
    else if (HN2013_ID_RE.test(printed.trim())) hn2013Ids++;
  }
  let hn2013Markers = 0;
  for (const text of texts) if (HN2013_MARKERS.some((re) => re.test(text))) hn2013Markers++;
  return { hn2019Ids, hn2013Ids, hn2013Markers };
}

/** Minimum distinct IDs before a table counts as a form at all. */
export const MIN_FORM_IDS = 10;

/**
 * 2019 when 2019 IDs dominate; 2013 when 2013-shaped IDs dominate and a 2013-only text backs them
 * (a bare list of "1-1" numbers is not enough); otherwise unknown.
 */
export function detectEdition(e: EditionEvidence): Mds2Edition {
  if (e.hn2019Ids >= MIN_FORM_IDS && e.hn2019Ids > 3 * e.hn2013Ids) return 'HN 1-2019';
  if (e.hn2013Ids >= MIN_FORM_IDS && e.hn2013Ids > 3 * e.hn2019Ids && e.hn2013Markers > 0) return 'HN 1-2013';
  return 'unknown';
}
