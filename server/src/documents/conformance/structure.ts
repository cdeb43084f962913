// Structure-level polarity: what a unit's place in the document says about the features it names.
// Items under a heading or label such as "Not implemented", "Unsupported", "Limitations", "Out of
// scope"; bullets after "The following are not supported:"; a table cell saying No / — / N/A / ✗ in
// a "Supported" column; a key/value row "TLS | No". Sentence-level triggers (negation.ts) still win
// when a unit speaks for itself.
import type { Polarity } from './negation.js';
import { sentencePolarity } from './negation.js';
import type { Unit } from './units.js';

export interface StructuralCue {
  polarity: Polarity;
  /** The heading, introduction or cell that gives the polarity. */
  cue: string;
  /** Table cells: the polarity applies to the row's other cells. */
  cell?: number;
}

const NEGATIVE_HEADING =
  /\bnot (?:supported|implemented|available|included|provided|offered)\b|\bunsupported\b|\blimitations?\b|\bout of scope\b|\bexclu(?:ded|sions?)\b|\bknown (?:restrictions|issues)\b|\bnon-?conformance\b|\bnot covered\b|\bunimplemented\b/i;
const PLANNED_HEADING = /\bplanned\b|\bfuture (?:work|releases?|features?|versions?)\b|\broadmap\b|\bupcoming\b/i;
const OPTIONAL_HEADING = /\boptional (?:features?|components?|modules?)\b|\badd-?ons?\b/i;

/** A column that answers whether the row's feature is supported. */
const SUPPORT_COLUMN = /^\s*(?:supported\??|support(?:ed)? ?(?:\(y\/n\)|\(yes\/no\))?|implemented|available|availability|conform(?:s|ance)?|yes ?\/ ?no|y ?\/ ?n|status|included|provided|enabled|offered|supported by \S.{0,40}|usage|(?:scu|scp) ?support)\s*$/i;
export const NO_VALUE = /^\s*(?:no|none|n\/?a|na|n|-|–|—|✗|✘|❌|×|x? ?no|not (?:supported|applicable|available|implemented|provided)|unsupported|false|not used|absent|0)\s*\.?\s*$/i;
export const YES_VALUE = /^\s*(?:yes|y|supported|enabled|true|✓|✔|☑|available|implemented|provided|always|required|mandatory|x)\b/i;
const OPTIONAL_VALUE = /^\s*(?:optional(?:ly)?|option|off by default|disabled by default|not enabled by default|on request|licensed option|add-?on)\b/i;
const CONFIG_VALUE = /^\s*(?:configurable|configured|user[- ]configurable|settable|depends on configuration)\b/i;
const PLANNED_VALUE = /^\s*(?:planned|future|roadmap|not yet(?: supported| available)?|coming soon|tbd|in development|under development)\b/i;

/** A cell value read as a polarity, or null when it is not an answer (a name, a number). */
export function cellPolarity(cell: string): Polarity | null {
  if (PLANNED_VALUE.test(cell)) return 'planned';
  if (OPTIONAL_VALUE.test(cell)) return 'optional';
  if (CONFIG_VALUE.test(cell)) return 'configurable';
  if (NO_VALUE.test(cell)) return 'not-supported';
  if (YES_VALUE.test(cell)) return 'supported';
  return null;
}

/** A list item: marked as one, or a short line without sentence punctuation (readers drop the markers). */
function listItemLike(u: Unit): boolean {
  if (u.bullet) return true;
  const words = u.text.trim().split(/\s+/).length;
  return words <= 14 && !/[.!?]$/.test(u.text.trim());
}

const LIST_INTRO = /:\s*$|\bthe following\b[^.]{0,80}$|\binclude\s*:?\s*$/i;

/**
 * For every unit, the structural cue that applies to it (or none). Units are in document order.
 * Returns a map keyed by the unit object.
 */
export function structuralCues(units: Unit[]): Map<Unit, StructuralCue> {
  const out = new Map<Unit, StructuralCue>();
  let intro: { cue: StructuralCue; section: unknown } | null = null;
  for (const u of units) {
    if (u.kind === 'heading') {
      intro = null;
      continue;
    }
    // A heading up the chain (innermost that says anything) marks everything under it.
    const heading = u.sections.find((s) => NEGATIVE_HEADING.test(s.title) || PLANNED_HEADING.test(s.title) || OPTIONAL_HEADING.test(s.title));
    if (heading) {
      const polarity: Polarity = PLANNED_HEADING.test(heading.title) ? 'planned' : NEGATIVE_HEADING.test(heading.title) ? 'not-supported' : 'optional';
      out.set(u, { polarity, cue: heading.title });
    }
    if (u.kind === 'row' && u.cells) {
      const col = u.header && u.header !== u.cells ? u.header.findIndex((h) => SUPPORT_COLUMN.test(h)) : -1;
      if (col >= 0 && u.cells[col] !== undefined) {
        const p = cellPolarity(u.cells[col]!);
        if (p) out.set(u, { polarity: p, cue: `${u.header![col]}: ${u.cells[col]}`, cell: col });
        continue;
      }
      // A key/value row: 'TLS | No', 'Security Profiles | None', 'DICOMweb | Not supported'.
      if (u.cells.length <= 3) {
        for (let k = u.cells.length - 1; k >= 1; k--) {
          const p = cellPolarity(u.cells[k]!);
          if (p && u.cells[k]!.trim().split(/\s+/).length <= 5) {
            out.set(u, { polarity: p, cue: u.cells[k]!, cell: k });
            break;
          }
        }
        if (out.get(u)?.cell !== undefined) continue;
      }
      if (intro && intro.section === u.section && !out.has(u)) out.set(u, intro.cue);
      continue;
    }
    if (u.kind === 'sentence') {
      if (intro && intro.section === u.section && listItemLike(u)) {
        if (!out.has(u)) out.set(u, intro.cue);
        continue;
      }
      intro = null;
      if (LIST_INTRO.test(u.text)) {
        const p = sentencePolarity(u.text);
        if (p !== 'supported') intro = { cue: { polarity: p, cue: u.text.slice(0, 120) }, section: u.section };
      }
    }
  }
  return out;
}
