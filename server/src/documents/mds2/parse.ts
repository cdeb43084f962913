// Entry point: is this Source an MDS2 form, and if so, what does it say?
// null means "not an MDS2 form"; UnreadableError means "an MDS2 form we cannot read reliably".
import { UnreadableError } from '../../core/errors.js';
import type { SheetSource, Source, TextSource } from '../../readers/source.js';
import { assembleForm, type HeaderFields } from './assemble.js';
import { countEvidence, detectEdition, MIN_FORM_IDS, type EditionEvidence } from './edition.js';
import { findTables, headerValue, notesFromSheets, rowsFromTables, sheetTexts } from './from-sheets.js';
import { readTextRows } from './from-text.js';
import type { Mds2Form } from './model.js';
import { normaliseDate } from './dates.js';

const TITLE_RE = /manufacturer\s+disclosure\s+statement\s+for\s+medical\s+device\s+security/i;

/** Enough signal that the document is meant to be an MDS2 form, even if its table cannot be read. */
function claimsMds2(e: EditionEvidence, hasTitle: boolean): boolean {
  return hasTitle || (e.hn2013Markers > 0 && e.hn2013Ids > 0) || e.hn2019Ids >= 3;
}

function fromSheets(source: SheetSource): Mds2Form | null {
  const tables = findTables(source);
  const rows = rowsFromTables(tables);
  const evidence = countEvidence(rows.map((r) => r.printedId), sheetTexts(source));
  const hasTitle = [...sheetTexts(source, 20)].some((t) => TITLE_RE.test(t));
  const edition = detectEdition(evidence);
  if (edition === 'unknown' && !claimsMds2(evidence, hasTitle)) return null;
  if (rows.length < MIN_FORM_IDS) {
    throw new UnreadableError(
      rows.length === 0
        ? 'looks like an MDS2 form, but no question table (IDs such as AUTH-1 beside Yes/No answers) was found'
        : `looks like an MDS2 form, but only ${rows.length} question rows were found`,
      'unsupported',
    );
  }
  const notes = notesFromSheets(source, tables);
  return assembleForm(rows, edition, notes, edition === 'HN 1-2013' ? header2013(source) : undefined);
}

const HEADER_2013: [keyof HeaderFields, RegExp][] = [
  ['manufacturer', /^manufacturer\s*(?::.*)?$/i],
  ['deviceDescription', /^device\s+category\s*(?::.*)?$/i],
  ['model', /^device\s+model\s*(?::.*)?$/i],
  ['documentId', /^document\s+id\s*(?::.*)?$/i],
  ['releaseDate', /^document\s+release\s+date\s*(?::.*)?$/i],
  ['softwareRevision', /^software\s+revision\s*(?::.*)?$/i],
];
const OTHER_2013_LABELS = /^(?:software\s+release\s+date|manufacturer\s+or\s+representative.*|intended\s+use.*)\s*:?$/i;

/** The HN 1-2013 header grid, read by its labels (the reference's 2013 layout is uncertain). */
function header2013(source: SheetSource): HeaderFields {
  const isLabel = (t: string) => OTHER_2013_LABELS.test(t) || HEADER_2013.some(([, re]) => re.test(t) && !/:\s*\S/.test(t));
  const out: HeaderFields = {};
  for (const [key, label] of HEADER_2013) {
    const v = headerValue(source, label, isLabel);
    if (v !== undefined) out[key] = v;
  }
  if (out.releaseDate) out.releaseDate = normaliseDate(out.releaseDate);
  return out;
}

function fromText(source: TextSource): Mds2Form | null {
  const { rows, notes, printedIds } = readTextRows(source);
  const texts = source.lines.map((l) => l.text);
  const evidence = countEvidence(printedIds, texts);
  // Only a title-like line counts: a conformance statement that merely mentions the MDS2 is not one.
  const hasTitle = source.lines.slice(0, 200).some((l) => {
    const t = l.text.replace(/[#*_]/g, '').trim();
    return TITLE_RE.test(t) && t.length < 120 && (l.heading !== undefined || t.length < 90);
  });
  const edition = detectEdition(evidence);
  if (edition === 'unknown' && !(hasTitle || evidence.hn2019Ids >= 3)) return null;
  if (rows.length < MIN_FORM_IDS) {
    if (!hasTitle) return null;
    throw new UnreadableError(
      rows.length === 0
        ? 'titled as an MDS2 form, but no question lines (IDs such as AUTH-1 with answers) were found'
        : `titled as an MDS2 form, but only ${rows.length} question lines were found`,
      'unsupported',
    );
  }
  return assembleForm(rows, edition, notes);
}

export function parseMds2(source: Source): Mds2Form | null {
  return source.kind === 'sheets' ? fromSheets(source) : fromText(source);
}
