// Product, version, manufacturer and date: from cover-page labels ('Product Name: X', a two-column
// table), front matter (YAML title/author/date, LaTeX \title{}), and the title line
// ('X — DICOM Conformance Statement', 'DICOM Conformance Statement of X').
import type { Evidence } from '../../core/findings.js';
import type { TextLine } from '../../readers/source.js';
import { PLACEHOLDER } from './lexicon.js';
import { cleanText, evidenceOf, type Unit } from './units.js';

export interface Identity {
  product: string | null;
  version: string | null;
  manufacturer: string | null;
  date: string | null;
  evidence: Record<string, Evidence[]>;
}

const LABELS: { field: keyof Omit<Identity, 'evidence'>; re: RegExp }[] = [
  { field: 'product', re: /^(?:commercial |trade )?product(?: name)?$|^name of (?:the )?product$|^device(?: name)?$|^system name$|^application name$/i },
  { field: 'version', re: /^(?:product |software |release |application )?version(?: number)?$|^release$|^software release$/i },
  { field: 'manufacturer', re: /^manufacturer$|^company(?: name)?$|^vendor$|^author$|^organi[sz]ation$|^made by$/i },
  { field: 'date', re: /^(?:document |release |publication |revision )?date$/i },
];

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
  const out: Identity = { product: null, version: null, manufacturer: null, date: null, evidence: {} };
  const set = (field: keyof Omit<Identity, 'evidence'>, value: string, ev: Evidence) => {
    if (out[field] !== null) return;
    const v = tidy(value);
    if (placeholder(v) || v.length > 120) return;
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

  // 2. Labelled values: 'Product Name: X', '| Product Name | X |', ':Product Name: X', bullets.
  const early = units.filter((u) => !u.frontMatter).slice(0, 400);
  for (const u of early) {
    if (u.kind === 'row' && u.cells && u.cells.length >= 2) {
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

  // 4. An opening sentence: 'The **X** supports…', 'capabilities of X out of the box'.
  if (!out.product) {
    for (const u of units.slice(0, 30)) {
      if (u.kind !== 'sentence' || u.frontMatter || u.template) continue;
      const m =
        /\bcapabilities of (?:the )?([A-Z][\w.+-]{1,30}(?: [A-Z][\w.+-]{0,30}){0,5})(?= out of the box|[.,]| version| v\d)/.exec(u.text) ??
        /^(?:The )?([A-Z][\w.+-]{1,30}(?: (?:for )?[A-Z][\w.+-]{0,30}){1,6}) (?:supports|implements|is a|provides)\b/.exec(u.text);
      if (m) {
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
  if (out.version) out.version = out.version.replace(/^v(?=\d)/i, '');
  return out;
}
