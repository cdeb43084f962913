// Product, version, manufacturer and date: from cover-page labels ('Product Name: X', a two-column
// table), front matter (YAML title/author/date, LaTeX \title{}), and the title line
// ('X — DICOM Conformance Statement', 'DICOM Conformance Statement of X').
import type { Evidence } from '../../core/findings.js';
import type { TextLine } from '../../readers/source.js';
import { PLACEHOLDER } from './lexicon.js';
import { cleanText, evidenceOf, type Unit } from './units.js';
import { normaliseDate } from '../mds2/dates.js';

export interface Identity {
  product: string | null;
  version: string | null;
  manufacturer: string | null;
  date: string | null;
  /** The date as ISO yyyy-mm-dd (or yyyy-mm) when it reads unambiguously. */
  dateIso: string | null;
  evidence: Record<string, Evidence[]>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** yyyy-mm-dd, yyyy-mm, 'June 6, 2023', '6 June 2023', 'Sep 25, 2024', 'October 2022', '20240925'; else null. */
export function isoDate(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const full = normaliseDate(t);
  if (/^\d{4}-\d{2}-\d{2}$/.test(full)) return full;
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && +m[2]! >= 1 && +m[2]! <= 12) return `${m[1]}-${m[2]}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const iso = normaliseDate(`${m[1]}-${m[2]}-${m[3]}`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && +m[1]! >= 1980) return iso;
  }
  m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(t);
  if (m) {
    const mi = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase());
    const name = m[1]!.toLowerCase();
    // The full month name or its three-letter abbreviation, nothing else ('Release 2019' is not a date).
    if (mi >= 0 && (name.length === 3 || 'january february march april may june july august september october november december'.split(' ').includes(name))) {
      return `${m[2]}-${String(mi + 1).padStart(2, '0')}`;
    }
  }
  return null;
}

/** A date written inside a longer line: 'Sep 25, 2024', '2024-09-25', '25 September 2024'. */
const DATE_IN_LINE = /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.? \d{1,2}, \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6} \d{4}|\d{4}-\d{2}-\d{2})\b/i;

/** '…Name, Software version 3.2' / '…Name Release 5.1' on a cover line (bounded, no nested quantifiers). */
const COVER_VERSION = /([A-Z][^,;]{1,120}?),?\s+(?:software |product |firmware )?(?:version|release)\s*:?\s*[vV]?(\d+(?:\.(?:\d+|x))+[a-z]?\d*)\b/i;
/** Subjects of opening sentences that are parts of a product, not its name. */
const NOT_A_PRODUCT = /^(?:(?:the |this |each |every )?(?:application entit(?:y|ies)|ae|aes|application|implementation|system|software|product|device|server|client|scp|scu|following)\b)/i;

const LABELS: { field: 'product' | 'version' | 'manufacturer' | 'date'; re: RegExp }[] = [
  { field: 'product', re: /^(?:commercial |trade )?product(?: name)?$|^name of (?:the )?product$|^device(?: name)?$|^system name$|^application name$|^product (?:described|covered)$|^software(?: product)?$/i },
  {
    field: 'version',
    re: /^(?:product |software |release |application |firmware )?versions?(?: number)?(?: covered| described)?$|^release$|^software release$|^(?:software )?versions? (?:covered|described|supported)$|^(?:applies|applicable) to(?: software)?(?: versions?| releases?)?$|^valid for(?: software)?(?: versions?| releases?)?$|^software versions? covered$/i,
  },
  { field: 'manufacturer', re: /^(?:legal )?manufacturer(?: name)?$|^company(?: name)?$|^vendor$|^author$|^organi[sz]ation$|^made by$|^manufactured by$|^publisher$|^issued by$|^supplier$/i },
  { field: 'date', re: /^(?:document |release |publication |revision |issue )?date$|^(?:date of )?issue$|^published$/i },
];

/** A company name as vendors sign their documents: capitalised words ending in a legal-form suffix. */
const COMPANY = /\b([A-Z][\w&'’-]{0,30}(?:[ \t]+(?:[A-Z][\w&'’-]{0,30}|&|of|de|und|and)){0,5}?[ \t,]+(?:Ltd|Limited|Inc|Incorporated|GmbH|AG|SE|Corp|Corporation|LLC|L\.L\.C\.|plc|PLC|B\.V\.|BV|N\.V\.|S\.A\.|SAS|S\.A\.S\.|Oy|AB|A\/S|AS|S\.p\.A\.|SpA|S\.r\.l\.|srl|K\.K\.|Co\.,?[ \t]+Ltd|Pty[ \t]+Ltd|GmbH[ \t]+&[ \t]+Co\.[ \t]+KG|KG)\b\.?)/;
/** '© 2024 Acme Imaging GmbH', 'Copyright (c) 2019-2024 Acme Medical Ltd. All rights reserved.' */
const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}(?:\s*[-–,]\s*(?:19|20)?\d{2,4})*\s*,?\s*)?(?:by\s+)?(.{2,80}?)(?:\s*[.,;]?\s*all rights reserved|\s*$)/i;

/** 'Product: Lumen Viewer, Version: 2.1' on one line: the labelled pairs it holds. */
function inlineLabels(text: string): { key: string; value: string }[] {
  const parts = [...text.matchAll(/(?:^|[,;|]\s*)([A-Za-z][A-Za-z ]{1,30}?):\s*([^,;|]{1,120})/g)];
  return parts.length >= 2 ? parts.map((m) => ({ key: m[1]!.trim(), value: m[2]!.trim() })) : [];
}

/** The identity field a table cell or label names ('Product Name' → product), if any. */
function labelField(text: string): 'product' | 'version' | 'manufacturer' | 'date' | undefined {
  const key = text.replace(/[:*]+$/, '').trim();
  return LABELS.find(({ re }) => re.test(key))?.field;
}

/** A version range or pattern a statement covers ('0.6.x', '5.2 and later', 'VA20A'). */
function plausibleVersion(v: string): boolean {
  return /\d/.test(v) && v.length <= 40;
}

function placeholder(v: string): boolean {
  return !v || PLACEHOLDER.test(v) || /^(?:tbd|n\/a|none|-|\?)$/i.test(v) || /^\|.*\|$/.test(v);
}

function tidy(v: string): string {
  return cleanText(v)
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/\s*\.$/, '')
    .trim();
}

const TITLE_PATTERNS: RegExp[] = [
  // 'DICOM Conformance Statement of|for X'
  /\bconformance statement (?:of|for)\s+(?:the\s+)?(.{2,80}?)\s*$/i,
  // 'X — DICOM Conformance Statement' / 'X DICOM Conformance Statement'
  /^(.{2,80}?)\s*(?:[-–—:]\s*)?(?:dicom\s+)?conformance statement\b/i,
];

const VERSION_TAIL = /\s+(?:v(?:ersion)?\.?\s*)?(\d+(?:\.\d+){1,3}[a-z]?(?:[-+][\w.]{1,20})?)\s*$/i;

function splitVersion(name: string): { name: string; version: string | null } {
  const m = VERSION_TAIL.exec(name);
  if (m && m.index > 0) return { name: name.slice(0, m.index).trim(), version: m[1]! };
  return { name, version: null };
}

export function extractIdentity(lines: TextLine[], units: Unit[]): Identity {
  const out: Identity = { product: null, version: null, manufacturer: null, date: null, dateIso: null, evidence: {} };
  const set = (field: 'product' | 'version' | 'manufacturer' | 'date', value: string, ev: Evidence) => {
    if (out[field] !== null) return;
    // 'Fjord Viewer, Version: 4.2' — the next label on the same line ends the value.
    let v = tidy(value.replace(/\s*[,;|]\s*[A-Z][A-Za-z ]{1,30}:(?:\s.*)?$/, ''));
    // A title line read together with the product line ('DICOM CONFORMANCE STATEMENT Kestrel …').
    if (field === 'product') v = v.replace(/^(?:dicom\s+)?conformance\s+statement\b\s*(?:for\s+(?:the\s+)?|[-–—:]\s*)?/i, '').replace(/\s*[-–—:]?\s*\b(?:dicom\s+)?conformance\s+statement$/i, '').trim();
    if (!v) return;
    if (placeholder(v) || v.length > 120) {
      // 'Version: |version|': the line where the statement should have named it is the evidence.
      if (placeholder(v)) out.evidence[field] ??= [ev];
      return;
    }
    out[field] = v;
    out.evidence[field] = [ev];
  };
  const lineEv = (i: number): Evidence => {
    const l = lines[i]!;
    return { line: l.line, ...(l.page !== undefined ? { page: l.page } : {}), quote: cleanText(l.text).slice(0, 300) };
  };

  // 1. Front matter: YAML (pandoc) or LaTeX, within the first lines.
  const head = Math.min(lines.length, 60);
  for (let i = 0; i < head; i++) {
    const t = lines[i]!.text.trim();
    let m = /^(title|author|date|subtitle):\s*(.{1,200})$/i.exec(t) ?? /^\\(title|author|date)\{(.{1,200})\}$/.exec(t);
    if (!m && /^-\s+\S/.test(t) && /^author:\s*$/i.test(lines[i - 1]?.text.trim() ?? '')) m = ['', 'author', t.slice(1).trim()] as unknown as RegExpExecArray;
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const val = m[2]!.replace(/^["']|["']$/g, '');
    if (key === 'title') {
      if (/conformance statement/i.test(val)) continue; // handled by title patterns
      const { name, version } = splitVersion(tidy(val));
      set('product', name, lineEv(i));
      if (version) set('version', version, lineEv(i));
    } else if (key === 'author') set('manufacturer', val, lineEv(i));
    else if (key === 'date') set('date', val, lineEv(i));
  }

  // 1b. Field lists, one per line ('Company Name: dcm4che.org' then 'Product Name: |product|'): a
  // reader may join adjacent lines into one paragraph, so read them line by line first.
  for (let i = 0; i < head; i++) {
    const m = /^\s*:?([A-Za-z][A-Za-z /]{1,30}?):\s+(\S.{0,150})$/.exec(lines[i]!.text);
    if (!m) continue;
    const key = m[1]!.trim();
    for (const { field, re } of LABELS) if (re.test(key)) set(field, m[2]!, lineEv(i));
  }

  // 2. Labelled values: 'Product Name: X', '| Product Name | X |', ':Product Name: X', bullets.
  const early = units.filter((u) => !u.frontMatter).slice(0, 400);
  for (const u of early) {
    if (u.kind === 'row' && u.cells && u.cells.length >= 2) {
      // A header of labels ('Product | Version | Manufacturer'): the values are in the rows below it,
      // and the header row itself names nothing.
      const headerFields = (u.header ?? []).map(labelField);
      if (headerFields.filter(Boolean).length >= 2 && !labelField(u.cells[0]!)) {
        u.cells.forEach((cell, i) => {
          const field = headerFields[i];
          if (field && (field !== 'version' || plausibleVersion(cell))) set(field, cell, evidenceOf(u));
        });
        continue;
      }
      if (u.cells.filter((c) => labelField(c)).length >= 2) continue;
      const key = u.cells[0]!.replace(/[:*]+$/, '').trim();
      for (const { field, re } of LABELS) {
        if (re.test(key) && u.cells[1]) set(field, u.cells[1], evidenceOf(u));
      }
      continue;
    }
    if (u.kind !== 'sentence') continue;
    const m = /^(?:[-*•]\s*)?:?([A-Za-z][A-Za-z /]{1,30}?):\s*(.{1,150})$/.exec(u.text);
    if (!m) continue;
    const key = m[1]!.trim();
    for (const { field, re } of LABELS) {
      if (re.test(key)) set(field, m[2]!, evidenceOf(u));
    }
  }

  // 2b. Several labelled values on one line ('Product: X, Version: Y'), in the opening lines.
  for (const u of early.slice(0, 120)) {
    if (u.kind !== 'sentence') continue;
    for (const { key, value } of inlineLabels(u.text)) {
      for (const { field, re } of LABELS) if (re.test(key) && (field !== 'version' || plausibleVersion(value))) set(field, value, evidenceOf(u));
    }
  }

  // 3. The title: the first heading (or first line) that names the statement.
  const titleUnits = units.filter((u) => u.kind === 'heading').slice(0, 5);
  const firstSentence = units.find((x) => x.kind === 'sentence');
  const firstIdx = lines.findIndex((l) => l.text.trim());
  const firstUnit = units.find((x) => x.index === firstIdx && x.kind !== 'row');
  const candidates = [...(firstUnit ? [firstUnit] : []), ...titleUnits.filter((x) => x !== firstUnit), ...(firstSentence && firstSentence.index === firstIdx && firstSentence !== firstUnit ? [firstSentence] : [])];
  for (const u of candidates) {
    for (const re of TITLE_PATTERNS) {
      const m = re.exec(u.text);
      if (!m) continue;
      let name = tidy(m[1]!.replace(/\s*[-–—:|]\s*$/, ''));
      name = name.replace(/^(?:the|version \d+)\s+/i, '').replace(/\s+(?:dicom)$/i, '').trim();
      if (!name || /^(?:dicom|version \d+|the|a|an|part \d+:?)$/i.test(name)) continue;
      if (/\bpart \d+\b/i.test(name)) continue;
      const { name: product, version } = splitVersion(name);
      set('product', product, evidenceOf(u));
      if (version) set('version', version, evidenceOf(u));
      break;
    }
    if (out.product) break;
  }

  // 3b. A cover line that names the product beside its version ('Acme Imaging Ltd. — AcmeView
  // Workstation, Software version 3.2'): the name is the last dash- or colon-separated part before it.
  if (!out.product || !out.version) {
    for (const u of units.slice(0, 10)) {
      if (u.kind === 'heading' || u.template || u.frontMatter) continue;
      const m = COVER_VERSION.exec(u.text.slice(0, 300));
      if (!m) continue;
      const name = tidy(m[1]!.split(/\s*[-–—:|]\s+|\.\s+/).filter((p) => p.trim()).pop() ?? '');
      if (!out.product && /^[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*){0,5}$/.test(name) && !NOT_A_PRODUCT.test(name)) set('product', name, evidenceOf(u));
      if (!out.version) set('version', m[2]!, evidenceOf(u));
      break;
    }
  }
  // 4. An opening sentence: 'The **X** supports…', 'capabilities of X out of the box'.
  if (!out.product) {
    for (const u of units.slice(0, 30)) {
      if (u.kind !== 'sentence' || u.frontMatter || u.template) continue;
      const m =
        /\bcapabilities of (?:the )?([A-Z][\w.+-]{1,30}(?: [A-Z][\w.+-]{0,30}){0,5})(?= out of the box|[.,]| version| v\d)/.exec(u.text) ??
        /^(?:The )?([A-Z][\w.+-]{1,30}(?: (?:for )?[A-Z][\w.+-]{0,30}){1,6}) (?:supports|implements|is a|provides)\b/.exec(u.text);
      if (m && !NOT_A_PRODUCT.test(m[1]!)) {
        set('product', m[1]!, evidenceOf(u));
        if (out.product) break;
      }
    }
  }
  // A product that still carries its version ('Slim v0.14.0').
  if (out.product && !out.version) {
    const { name, version } = splitVersion(out.product);
    if (version) {
      out.product = name;
      out.version = version;
      out.evidence['version'] = out.evidence['product']!;
    }
  } else if (out.product) {
    out.product = splitVersion(out.product).name;
  }
  // 5. A product name the title leaves as an unresolved substitution ('|product|', from a Sphinx
  // conf.py that is not part of the document): what the statement repeatedly calls itself in its
  // own sentences ('the DCM4CHEE archive'), when it does so at least three times.
  if (!out.product && units.slice(0, 8).some((u) => u.kind === 'heading' && /\|[a-z_]{2,20}\|/.test(u.text))) {
    const counts = new Map<string, { n: number; u: Unit }>();
    for (const u of units) {
      if (u.kind !== 'sentence' || u.frontMatter || u.template) continue;
      for (const m of u.text.matchAll(/\bthe ([A-Z][A-Z0-9]{2,20}(?:[- ][A-Z][A-Za-z0-9]{1,20})?) (archive|server|pacs|system|workstation|gateway|viewer)\b/g)) {
        const name = `${m[1]} ${m[2]}`;
        const c = counts.get(name);
        if (c) c.n++;
        else counts.set(name, { n: 1, u });
      }
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    if (best && best[1].n >= 3) set('product', best[0], evidenceOf(best[1].u));
  }
  // A date on the title lines ('… CONFORMANCE STATEMENT and | detailed software revision history | Sep 25, 2024').
  if (!out.date) {
    for (let i = 0; i < Math.min(lines.length, 4); i++) {
      const l = lines[i]!;
      const text = l.cells && l.cells.length > 1 ? l.cells.join(' ') : l.text;
      const m = DATE_IN_LINE.exec(text);
      if (m) {
        set('date', m[0], lineEv(i));
        break;
      }
    }
  }
  // 6. The body, when no label named them: 'Software versions covered: 0.6.x', 'This statement
  // applies to version 3.2', a signature line with the company's legal name ('March 2025. Acme
  // Medical Ltd.'), a copyright line ('© 2024 Acme Imaging GmbH') on the first pages or at the end.
  if (!out.version) {
    for (const u of units.slice(0, 200)) {
      if (u.kind !== 'sentence' || u.template) continue;
      const m =
        /\b(?:software |product |firmware )?(?:versions?|releases?) (?:covered|described|supported)(?: by this (?:document|statement))?\s*(?:is|are|:)?\s*([vV]?\d+(?:\.(?:\d+|x|\*))*(?:[a-z]\d*)?(?:\s*(?:and|or|to|-|–)\s*(?:later|higher|above|newer|[vV]?\d+(?:\.(?:\d+|x|\*))*))?)/i.exec(u.text) ??
        /\b(?:this|the present) (?:document|statement|conformance statement) (?:applies to|covers|describes|is valid for) (?:[A-Z][\w.+-]*\s+){0,5}?(?:software )?(?:version|release|v)\.?\s*(\d+(?:\.(?:\d+|x))*(?:[a-z]\d*)?)/i.exec(u.text);
      if (m) {
        set('version', m[1]!, evidenceOf(u));
        break;
      }
    }
  }
  // The product's name followed by a number in its own opening sentences ('The Falcon CT 8.1
  // implements…'): the longest leading part of the name that is followed by a dotted version.
  if (!out.version && out.product) {
    const words = out.product.split(/\s+/).slice(0, 6);
    search: for (let k = words.length; k >= 1; k--) {
      const prefix = words.slice(0, k).join(' ');
      if (prefix.length < 3) break;
      const re = new RegExp(`\\b${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(?:version\\s+|release\\s+|v)?(\\d+(?:\\.\\d+)+[a-z]?\\d*)\\b`, 'i');
      for (const u of units.slice(0, 40)) {
        if (u.kind === 'heading' || u.template || u.frontMatter) continue;
        const m = re.exec(u.text.slice(0, 400));
        if (m) {
          set('version', m[1]!, evidenceOf(u));
          break search;
        }
      }
    }
  }
  if (!out.manufacturer) {
    const opening = units.slice(0, 60);
    const closing = units.slice(-40);
    for (const u of [...opening, ...closing]) {
      if (u.kind === 'heading' || u.template) continue;
      const c = COPYRIGHT.exec(u.text);
      if (!c) continue;
      const company = COMPANY.exec(c[1]!.slice(0, 200))?.[1] ?? (/^[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4}$/.test(c[1]!.trim()) ? c[1]!.trim() : null);
      if (company) {
        set('manufacturer', company, evidenceOf(u));
        break;
      }
    }
  }
  if (!out.manufacturer) {
    // A legal company name on the title page ('Document 1234, March 2025. Acme Medical Ltd.').
    for (const u of units.slice(0, 40)) {
      if (u.template || u.kind === 'heading') continue;
      // Bounded words and a bounded window keep the scan linear on a hostile 100k-character line.
      const m = COMPANY.exec(u.text.slice(0, 400));
      if (m && !/\b(?:dicom|nema|ihe|hl7)\b/i.test(m[1]!)) {
        set('manufacturer', m[1]!, evidenceOf(u));
        break;
      }
    }
  }
  if (out.version) out.version = out.version.replace(/^v(?=\d)/i, '');
  out.dateIso = out.date ? isoDate(out.date) : null;
  if (out.dateIso) out.evidence['dateIso'] = out.evidence['date']!;
  return out;
}
