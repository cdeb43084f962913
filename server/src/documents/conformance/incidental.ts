// Incidental mentions: a feature's name where the text is not claiming anything about the product —
// a contact website's https:// link, a URL in a reference, a field named "Anonymized" in an audit
// schema, a service named in a bibliography, a term in a glossary table, a revision-history row, a
// question. Front matter (definitions, references, revision history sections) is already excluded
// by units.ts; this looks at the unit and the mention itself.
import type { Unit } from './units.js';

const URL = /\b(?:https?|ftp):\/\/[^\s|)>\]"']{1,300}/gi;
/** A URL that names a service endpoint rather than a website: a port, a DICOMweb path, a base URL label. */
const ENDPOINT_URL = /:\d{2,5}(?:\/|$)|\/(?:dicom-?web|wado|qido|stow|rs|studies|dcm4chee-arc|aets?|api|fhir)\b/i;
const ENDPOINT_LABEL = /\b(?:base|root|service|endpoint|server|wado|qido|stow|dicomweb|rest|api)[- ]?(?:url|uri|address|endpoint)s?\b|\bendpoints?\b|\blistens? on\b|\bserved (?:at|on|from)\b/i;
const EXAMPLE = /\b(?:e\.g\.|for example|example (?:request|call|url)|curl|wget|sample (?:request|url))\b|^\s*example\b/i;
const EXAMPLE_HOST = /^\w+:\/\/(?:localhost|127\.0\.0\.1|\[::1\]|[\w.-]*\bexample\.(?:com|org|net)|[\w.-]*\.example)\b/i;
const CITATION = /^\s*(?:[-*•]\s*)?(?:\[\s?\d{1,3}\s?\]|\(\d{1,3}\)|rfc ?\d{3,5}\b|(?:nema\s+)?ps\s?3\.\d{1,2}\b|dicom\s+ps\s?3\.\d{1,2}\b|ihe\b[^.]{0,80}\b(?:technical framework|tf-?\d)|iso(?:\/iec)?\s?\d{3,6}|iec\s?\d{3,6}|nist\s+sp\b|digital imaging and communications in medicine \(dicom\)\s*(?:,|part|ps))/i;
const CONTACT = /\b(?:contact|website|web site|web page|homepage|home page|visit|for (?:more|further) (?:information|details)|further information|more information|refer to|available (?:at|from|on)|download(?:ed)? (?:from|at)|www\.|e-?mail us|customer support|support portal|copyright|©)\b/i;
const SCHEMA_HEADER = /^\s*(?:field|attribute|element|tag|keyword|parameter|property|column|event(?: ?(?:type|id|code|name))?|code|message|value ?set|xml element|json key|key|name|type|vr|data ?type)s?\s*$/i;
const FIELD_BEFORE = /\b(?:field|attribute|element|tag|column|flag|property|parameter|key|value)s?\s+(?:named\s+|called\s+)?["“'`]?\s*$/i;
const GLOSSARY_HEADER = /^\s*(?:terms?|abbreviations?|acronyms?|definitions?|meaning|expansion|glossary)\s*$/i;
const HISTORY_HEADER = /^\s*(?:revision|rev\.?|change(?:s| description)?|history|release notes?|modification|author|changed by|edition)\s*$/i;

/** Spans of `text` covered by URLs (each with whether it names an endpoint). */
export function urlSpans(text: string): { start: number; end: number; endpoint: boolean }[] {
  const out: { start: number; end: number; endpoint: boolean }[] = [];
  URL.lastIndex = 0;
  let m: RegExpExecArray | null;
  const labelled = ENDPOINT_LABEL.test(text) && !CONTACT.test(text);
  // An example request ('curl http://localhost:8080/…') shows usage, not the product's endpoint.
  const example = EXAMPLE.test(text);
  while ((m = URL.exec(text))) {
    const url = m[0];
    const exampleHost = EXAMPLE_HOST.test(url);
    const endpoint = labelled ? !example || /\bbase url\b/i.test(text) : !example && !exampleHost && ENDPOINT_URL.test(url.replace(/^\w+:\/\/[^/]*\bwww\.[^/]*/, ''));
    out.push({ start: m.index, end: m.index + url.length, endpoint });
  }
  return out;
}

/** Whole-unit reasons a unit claims nothing (beyond front matter, which units.ts marks). */
export function incidentalUnit(u: Unit): string | null {
  if (u.kind === 'sentence' && CITATION.test(u.text)) return 'citation';
  if (u.kind === 'sentence' && /\?\s*$/.test(u.text)) return 'question';
  if (u.kind === 'row' && u.header && u.header !== u.cells) {
    if (u.header.some((h) => GLOSSARY_HEADER.test(h)) && u.header.length <= 3) return 'glossary row';
    if (u.header.some((h) => HISTORY_HEADER.test(h)) && u.header.some((h) => /\bdate\b|\bversion\b|\brev/i.test(h))) return 'revision history row';
    // 'Version | Date | Description': a document's change table.
    if (u.header.some((h) => /^\s*(?:document )?(?:version|rev(?:ision)?|issue)\s*$/i.test(h)) && u.header.some((h) => /^\s*(?:date|released?)\s*$/i.test(h)) && u.header.some((h) => /^\s*(?:description|changes?|comments?|summary|reason)\b/i.test(h))) return 'revision history row';
  }
  if (u.kind === 'row' && u.cells && CITATION.test(u.cells[0] ?? '') && u.cells.length <= 3) return 'citation';
  return null;
}

/**
 * Is this particular mention incidental? `start`/`end` locate it in u.text; `urlSensitive` is set for
 * features a bare link could fake (TLS via 'https', plain HTTP via 'http').
 */
export function incidentalMention(u: Unit, start: number, end: number, opts: { urlSensitive?: boolean; schemaSensitive?: boolean } = {}): string | null {
  if (opts.urlSensitive) {
    for (const s of urlSpans(u.text)) if (start >= s.start && end <= s.end && !s.endpoint) return 'link';
  }
  // 'the schema field "Anonymized"', 'the attribute Anonymized': a name, not a claim.
  if (opts.schemaSensitive && FIELD_BEFORE.test(u.text.slice(Math.max(0, start - 40), start))) return 'schema field';
  // A row of a schema table (first column: Field / Attribute / Element …) describes that field.
  if (opts.schemaSensitive && u.kind === 'row' && u.header && u.header !== u.cells && SCHEMA_HEADER.test(u.header[0] ?? '') && !/\bde-?identif|\banonymi[sz]ation\b/i.test(u.header.join(' '))) return 'schema field';
  if (opts.schemaSensitive && u.kind === 'row' && u.cells && u.header && u.header !== u.cells) {
    // Which cell holds the mention?
    let offset = 0;
    for (let k = 0; k < u.cells.length; k++) {
      const cell = u.cells[k]!;
      const cellEnd = offset + cell.length;
      if (start >= offset && start <= cellEnd) {
        if (SCHEMA_HEADER.test(u.header[k] ?? '') && cell.trim().split(/\s+/).length <= 4) return 'schema field';
        break;
      }
      offset = cellEnd + 3; // ' | '
    }
  }
  return null;
}
