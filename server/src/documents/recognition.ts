// What a document is, with a reason and a confidence, from its content (never its file name):
// an MDS2 form, a DICOM Conformance Statement, an HL7 conformance statement or interface
// specification, a vendor security guide or white paper, or not a vendor document at all (a
// manifest, notes about documents, a README, a JSON file), or a request for proposal the hospital is
// drafting (rfp/recognise.ts). MDS2 forms, DICOM statements and RFP drafts have rule packs; the others are declined with reason `not-a-document` and a message naming what
// they are, the same way every time.
import type { SheetSource, TextSource } from '../readers/source.js';
import { recognise as recogniseStatement } from './conformance/parse.js';
import { rfpSignals } from './rfp/recognise.js';

export type RecognisedKind = 'mds2' | 'questionnaire' | 'dicom-conformance-statement' | 'rfp' | 'sbom' | 'advisory' | 'hl7-conformance-statement' | 'security-guide' | 'not-a-vendor-document' | 'unknown';

export interface Recognition {
  kind: RecognisedKind;
  confidence: 'high' | 'medium' | 'low';
  /** One line for people: the signals that decided it. */
  reason: string;
}

const MAX_SCAN = 400_000;

function textOf(source: TextSource, maxLines = Infinity): string {
  let text = '';
  let n = 0;
  for (const l of source.lines) {
    if (n++ >= maxLines || text.length > MAX_SCAN) break;
    text += `${l.text}\n`;
  }
  return text;
}

/** The title: the first heading near the top, else the first non-empty line. */
function titleOf(source: TextSource): string {
  const heading = source.lines.slice(0, 40).find((l) => l.heading !== undefined && l.text.trim());
  const first = source.lines.find((l) => l.text.trim() && !/^(?:-{3}|\+{3})$/.test(l.text.trim()));
  return (heading ?? first)?.text.trim().slice(0, 200) ?? '';
}

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** HL7 v2 segments and message types, FHIR resources: what an HL7 interface document is made of. */
const HL7_SEGMENT = /\b(?:MSH|PID|PV1|ORC|OBR|OBX|EVN|MSA|ZDS)\b(?:[-|.]\d{1,2})?/g;
const HL7_MESSAGE = /\b(?:ADT|ORM|ORU|OMI|OMG|SIU|MDM|ACK)\^[A-Z]\d{2}\b|\b(?:ADT|ORM|ORU|OMI|MDM|SIU)[ _-]?(?:A|O|R|S|T)\d{2}\b/g;
const HL7_NAME = /\bHL7\b|\bHealth Level (?:Seven|7)\b|\bFHIR\b|\bCapabilityStatement\b|\bMLLP\b/g;
const HL7_TITLE = /\bHL7\b[^.\n]{0,60}\b(?:conformance statement|interface specification|interface description|integration statement|implementation guide|message specification)\b|\b(?:conformance statement|interface specification)\b[^.\n]{0,30}\bHL7\b|\bFHIR\b[^.\n]{0,40}\b(?:conformance statement|capability statement|implementation guide)\b/i;

const GUIDE_TITLE =
  /\b(?:product\s+|cyber\s*|information\s+|it\s+)?security\s+(?:white\s*paper|whitepaper|guide|guideline|handbook|manual|overview|statement|brief|configuration\s+guide|hardening\s+guide|and\s+privacy(?:\s+(?:guide|white\s*paper|overview))?)\b|\bcybersecurity\s+(?:white\s*paper|whitepaper|guide|overview|statement|brief|manual)\b|\bhardening\s+guide\b|\bsecure\s+(?:configuration|deployment|installation)\s+guide\b|\bprivacy\s+and\s+security\s+(?:guide|white\s*paper|overview)\b|\b(?:security|cybersecurity)\s+(?:information|considerations)\s+for\b/i;

const COLLECTION_TITLE = /\bmanifest\b|\bcatalog(?:ue)?\b|\bindex of\b|\breadme\b|\bnotes?\b(?: on| about| for)?|\breview(?:er)?(?:'s)? notes\b|\bsummary of\b|\blist of (?:documents|statements|files)\b|\bchangelog\b|\b(?:conformance statements|documents|corpus|collection)\s*$/i;
/** Titles that name a document about documents even when its text talks like a statement. */
const ABOUT_DOCUMENTS_TITLE =
  /\bmanifest\b|\breadme\b|\bindex of\b|\b(?:review(?:er)?(?:'s|s')?|audit|reading|assessment|triage)\s+notes\b|\bnotes\s+(?:on|about|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}(?:documents?|statements?|forms?|disclosures?|corpus|files|vendors?)\b|\bsummary of (?:the )?(?:[\w-]+\s+){0,3}(?:documents|statements|disclosures)\b/i;
const FILE_NAME = /\b[\w.-]{1,80}\.(?:pdf|xlsx|xls|csv|docx|odt|md|rst|html?|txt|tex|json|zip)\b/gi;

/** A JSON document, whatever reader produced its lines. */
function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  if (!/^[{[]/.test(t)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    // A truncated or large JSON file still starts like one and is mostly keys and values.
    return count(t.slice(0, 4000), /"[^"\n]{1,80}"\s*:/g) >= 5;
  }
}

export function recogniseText(source: TextSource): Recognition {
  const title = titleOf(source);
  const head = textOf(source, 120);
  const text = textOf(source);
  const statement = recogniseStatement(source);
  const signals = statement.signals;

  if (looksLikeJson(text)) return { kind: 'not-a-vendor-document', confidence: 'high', reason: 'a JSON data file, not a vendor document' };

  // An RFP draft cites DICOM, TLS, HL7 and conformance statements as requirements; it is none of them.
  const rfp = rfpSignals(source);
  if (rfp.isRfp) {
    return { kind: 'rfp', confidence: rfp.signals.length >= 4 ? 'high' : 'medium', reason: `a request for proposal draft (signals: ${rfp.signals.join(', ')})` };
  }

  // HL7 interface documents: the title says so, or HL7 segments and message types dominate.
  const hl7 = count(text, HL7_NAME);
  const segments = new Set((text.match(HL7_SEGMENT) ?? []).map((s) => s.slice(0, 3))).size;
  const messages = count(text, HL7_MESSAGE);
  const dicomStructure = signals.filter((s) => ['uid', 'sop-class', 'ae', 'transfer-syntax'].includes(s)).length;
  const hl7Titled = HL7_TITLE.test(title) && !/\bdicom\b/i.test(title) && dicomStructure <= 2;
  if (hl7Titled || (hl7 >= 2 && segments >= 3 && messages >= 2 && dicomStructure <= 1)) {
    return {
      kind: 'hl7-conformance-statement',
      confidence: hl7Titled ? 'high' : 'medium',
      reason: `an HL7 interface document (${hl7Titled ? `titled "${title.slice(0, 80)}"` : `${segments} HL7 segment types, ${messages} message types`}), not a DICOM Conformance Statement or MDS2 form; no rule pack reviews HL7 interfaces`,
    };
  }

  // A security guide or white paper talks about DICOM, TLS and AE titles without being a statement.
  const titledStatement = /\bconformance\s+statement\b/i.test(title);
  if (!titledStatement && GUIDE_TITLE.test(title)) {
    return {
      kind: 'security-guide',
      confidence: signals.includes('sop-class') && signals.includes('uid') ? 'medium' : 'high',
      reason: `a vendor security guide or white paper (titled "${title.slice(0, 80)}"), not a DICOM Conformance Statement or MDS2 form; no rule pack reviews it on its own`,
    };
  }

  if (ABOUT_DOCUMENTS_TITLE.test(title) && !titledStatement) {
    return { kind: 'not-a-vendor-document', confidence: 'high', reason: `a document about other documents (titled "${title.slice(0, 80)}"), not a vendor's disclosure` };
  }

  if (statement.isStatement) {
    return {
      kind: 'dicom-conformance-statement',
      confidence: signals.includes('phrase') && signals.length >= 6 ? 'high' : signals.length >= 5 ? 'medium' : 'low',
      reason: `DICOM Conformance Statement signals: ${signals.join(', ')}`,
    };
  }

  // Documents about documents: manifests, indexes, README files, reviewer notes.
  const fileNames = count(text.slice(0, 60_000), FILE_NAME);
  const lines = Math.max(1, source.lines.filter((l) => l.text.trim()).length);
  if (COLLECTION_TITLE.test(title)) {
    return { kind: 'not-a-vendor-document', confidence: 'high', reason: `a document about other documents (titled "${title.slice(0, 80)}"), not a vendor's disclosure` };
  }
  if (fileNames >= 5 && fileNames / lines > 0.2) {
    return { kind: 'not-a-vendor-document', confidence: 'medium', reason: `a list of files (${fileNames} file names in ${lines} lines), not a vendor's disclosure` };
  }
  // Say what was missing, so a reviewer can tell a short statement from a document of another kind.
  const why = signals.length
    ? `found only: ${signals.join(', ')}; a statement needs the DICOM name, the words "conformance statement" and two of SOP classes, SCU/SCP roles, AE titles, associations, transfer syntaxes, DICOM UIDs, implementation UID or DICOMweb services`
    : 'no DICOM or MDS2 signal';
  return { kind: 'unknown', confidence: 'low', reason: `neither an MDS2 form nor a DICOM Conformance Statement (${why})` };
}

export function recogniseSheets(_source: SheetSource): Recognition {
  return { kind: 'unknown', confidence: 'low', reason: 'a spreadsheet without an MDS2 question table (no rows of question IDs like AUTH-1 with answers)' };
}
